"""The need workflow as an explicit state machine.

Every change of a need's status is one named transition. A transition not in
this table does not exist: the actions refuse it before touching anything.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from gongzhi.needs.models import Status


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[str]
    target: str


def _t(name: str, label: str, sources: list[Status], target: Status) -> Transition:
    return Transition(name, label, frozenset(sources), target)


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        # Staff may take an archived message in as if it had just arrived.
        _t("accept", _("受理"), [Status.SUBMITTED, Status.ARCHIVED], Status.ACCEPTED),
        _t("reject", _("不予受理"), [Status.SUBMITTED], Status.REJECTED),
        _t(
            "merge",
            _("合并"),
            [Status.SUBMITTED, Status.ACCEPTED, Status.ASSIGNED, Status.ARCHIVED],
            Status.MERGED,
        ),
        _t("assign", _("分派"), [Status.ACCEPTED], Status.ASSIGNED),
        _t("transfer", _("转办"), [Status.ASSIGNED], Status.ASSIGNED),
        _t("reply", _("答复"), [Status.ASSIGNED], Status.REPLIED),
        _t("close", _("办结"), [Status.REPLIED], Status.CLOSED),
        _t("rate", _("评价"), [Status.CLOSED], Status.CLOSED),
        # A dissatisfied rating sends the need back to its department once.
        _t("reopen", _("重办"), [Status.CLOSED], Status.ASSIGNED),
    ]
}


class TransitionNotAllowed(Exception):
    """The need is not in a state from which this transition starts."""

    def __init__(self, transition: str, status: str) -> None:
        super().__init__(f"{transition} is not allowed from {status}")
        self.transition = transition
        self.status = status


def transition_for(name: str, status: str) -> Transition:
    transition = TRANSITIONS[name]
    if status not in transition.sources:
        raise TransitionNotAllowed(name, status)
    return transition


def allowed_from(status: str) -> list[str]:
    return [name for name, t in TRANSITIONS.items() if status in t.sources]
