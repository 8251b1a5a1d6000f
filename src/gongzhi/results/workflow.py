"""The adoption lifecycle of a result, as an explicit state machine.

`Workflow` is a small table of named transitions; the consultation module
builds its own lifecycles from it too. A transition not in a table does not
exist: the actions refuse it before touching anything.
"""

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from gongzhi.needs.workflow import Transition, TransitionNotAllowed
from gongzhi.results.models import Status

__all__ = ["RESULT_WORKFLOW", "Transition", "TransitionNotAllowed", "Workflow", "step"]


def step(name: str, label: str, sources: Iterable[str], target: str) -> Transition:
    return Transition(name, label, frozenset(sources), target)


class Workflow:
    """Named transitions between the states of one kind of object."""

    def __init__(self, transitions: Iterable[Transition]) -> None:
        self.transitions = {t.name: t for t in transitions}

    def __getitem__(self, name: str) -> Transition:
        return self.transitions[name]

    def transition_for(self, name: str, status: str) -> Transition:
        transition = self.transitions[name]
        if status not in transition.sources:
            raise TransitionNotAllowed(name, status)
        return transition

    def allowed_from(self, status: str) -> list[str]:
        return [name for name, t in self.transitions.items() if status in t.sources]


RESULT_WORKFLOW = Workflow(
    [
        step("review", _("开始审阅"), [Status.SUBMITTED], Status.UNDER_REVIEW),
        step("adopt", _("采纳"), [Status.UNDER_REVIEW], Status.ADOPTED),
        step("decline", _("不予采纳"), [Status.UNDER_REVIEW], Status.NOT_ADOPTED),
        step("implement", _("确认落地"), [Status.ADOPTED], Status.IMPLEMENTED),
    ]
)
