"""Every change to a result, as one named action; the public API of the results database.

Other modules put their outcomes here and move them along:

    from gongzhi.results import actions as results

    result = results.submit_result(
        kind=Kind.HEARING_SUMMARY, title=..., summary=..., source=hearing.topic,
        contributors=[(expert_user, Contribution.Role.AUTHOR), other_user],
        field=topic.field, actor=request.user, is_public=True, document=None,
    )
    results.start_review(result, actor=admin)
    results.adopt(result, actor=dept_staff, department=dept, how="纳入2025年为民办实事项目")
    results.implement(result, actor=dept_staff, evidence="已完成改造并通过验收")
    # or: results.decline(result, actor=dept_staff, reason="...")

`source` is any saved model instance (topic, need, deliberation, ...); the
result's page links back to it (see `links.py`). `contributors` holds users
or `(user, role)` pairs; the submitting module decides who may submit, so
`submit_result` only requires a signed-in actor. Each action checks the
rules in `rules.py`, runs in a transaction on a locked row, writes a
`ResultEvent`, and notifies the contributors after commit. A transition
that the lifecycle does not allow raises `TransitionNotAllowed`; a missing
reason or department raises `ValidationError`.
"""

import logging
from collections.abc import Callable, Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.needs.rules import is_district_admin
from gongzhi.notices.actions import notify_after_commit
from gongzhi.people.models import Staff, User
from gongzhi.places.models import Department
from gongzhi.results import rules
from gongzhi.results.models import Contribution, Kind, Result, ResultEvent
from gongzhi.results.workflow import RESULT_WORKFLOW

logger = logging.getLogger(__name__)

ContributorSpec = User | tuple[User, str]


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _record(
    result: Result, action: str, actor: User | None, from_status: str = "", note: str = "", **data
) -> None:
    ResultEvent.objects.create(
        result=result,
        action=action,
        actor=actor,
        from_status=from_status,
        to_status=result.status,
        note=note,
        data=data,
    )


def _contributor_ids(result: Result) -> list[int]:
    return [result.submitted_by_id, *result.contributions.values_list("user_id", flat=True)]


def _district_office() -> list[int]:
    return list(Staff.objects.filter(kind=Staff.Kind.DISTRICT).values_list("user_id", flat=True))


def _tell(recipients: Iterable[int], kind: str, message: str, result: Result) -> None:
    notify_after_commit(
        recipients, kind, message % {"title": result.title}, result.get_absolute_url()
    )


def _move(
    result: Result,
    name: str,
    actor: User,
    allowed: Callable[[User, Result], bool],
    note: str = "",
    change: Callable[[Result], None] | None = None,
    **data,
) -> Result:
    """Run one transition on a locked copy of `result`; the caller holds the transaction."""
    result = Result.objects.select_for_update().get(pk=result.pk)
    _require(allowed(actor, result))
    transition = RESULT_WORKFLOW.transition_for(name, result.status)
    from_status = result.status
    if change:
        change(result)
    result.status = transition.target
    result.save()
    _record(result, name, actor, from_status, note, **data)
    logger.info("result %s: %s by user %s", result.pk, name, actor.pk)
    return result


def _contributions(contributors: Iterable[ContributorSpec]) -> dict[int, str]:
    """User id -> role; a person named twice keeps the first role given."""
    roles: dict[int, str] = {}
    for entry in contributors:
        user, role = entry if isinstance(entry, tuple) else (entry, Contribution.Role.MEMBER)
        roles.setdefault(user.pk, role)
    return roles


@transaction.atomic
def submit_result(
    *,
    kind: str,
    title: str,
    summary: str,
    source,
    contributors: Iterable[ContributorSpec],
    field=None,
    actor: User,
    is_public: bool = True,
    document=None,
) -> Result:
    """Put an outcome into the results database; the district office is told to review it."""
    _require(actor.is_authenticated)
    if kind not in Kind.values:
        raise ValidationError({"kind": _("成果类型不正确。")})
    if not title.strip() or not summary.strip():
        raise ValidationError({"summary": _("请填写成果标题和摘要。")})
    result = Result.objects.create(
        kind=kind,
        title=title.strip(),
        summary=summary.strip(),
        field=field,
        is_public=is_public,
        submitted_by=actor,
        source_type=ContentType.objects.get_for_model(source) if source is not None else None,
        source_id=source.pk if source is not None else None,
        **({"document": document} if document else {}),
    )
    Contribution.objects.bulk_create(
        [
            Contribution(result=result, user_id=pk, role=role)
            for pk, role in _contributions(contributors).items()
        ]
    )
    _record(result, "submit", actor)
    _tell(_district_office(), "result_submitted", _("新成果待审阅：%(title)s"), result)
    _tell(_contributor_ids(result), "result_submitted", _("您参与的成果已提交：%(title)s"), result)
    logger.info("result %s submitted by user %s", result.pk, actor.pk)
    return result


@transaction.atomic
def start_review(result: Result, *, actor: User) -> Result:
    """The district office puts a submitted result before the departments."""
    result = _move(result, "review", actor, rules.can_review)
    _tell(_contributor_ids(result), "result_review", _("您参与的成果进入审阅：%(title)s"), result)
    return result


@transaction.atomic
def adopt(
    result: Result, *, actor: User, department: Department | None = None, how: str, adopted_at=None
) -> Result:
    """A department takes a result up; `how` says in what form (a policy, a project, a rule)."""
    _require(rules.can_adopt(actor, result))
    department = department or _own_department(actor)
    if department is None:
        raise ValidationError({"department": _("请选择采纳部门。")})
    if not how.strip():
        raise ValidationError({"how": _("请说明采纳方式。")})
    # Department staff adopt for their own department only; the district
    # office records adoptions on behalf of any department.
    _require(is_district_admin(actor) or _own_department(actor) == department)

    def change(r: Result) -> None:
        r.department = department
        r.adopted_at = adopted_at or timezone.now()
        r.adoption_note = how.strip()

    result = _move(
        result,
        "adopt",
        actor,
        rules.can_adopt,
        note=how.strip(),
        change=change,
        department=department.pk,
    )
    _tell(_contributor_ids(result), "result_adopted", _("您参与的成果已被采纳：%(title)s"), result)
    return result


@transaction.atomic
def decline(result: Result, *, actor: User, reason: str) -> Result:
    """A result is not taken up, with a reason its contributors see."""
    if not reason.strip():
        raise ValidationError({"reason": _("请填写未采纳的理由。")})

    def change(r: Result) -> None:
        r.decline_reason = reason.strip()

    result = _move(result, "decline", actor, rules.can_decline, note=reason.strip(), change=change)
    _tell(_contributor_ids(result), "result_declined", _("您参与的成果未被采纳：%(title)s"), result)
    return result


@transaction.atomic
def implement(
    result: Result, *, actor: User, evidence: str, document=None, implemented_at=None
) -> Result:
    """The adopting department reports the result put into practice, with evidence."""
    if not evidence.strip():
        raise ValidationError({"evidence": _("请填写落地情况。")})

    def change(r: Result) -> None:
        r.implemented_at = implemented_at or timezone.now()
        r.evidence = evidence.strip()
        if document:
            r.evidence_document = document

    result = _move(
        result, "implement", actor, rules.can_implement, note=evidence.strip(), change=change
    )
    _tell(
        _contributor_ids(result), "result_implemented", _("您参与的成果已落地：%(title)s"), result
    )
    return result


def _own_department(user: User) -> Department | None:
    staff = getattr(user, "staff", None)
    if staff and staff.kind == Staff.Kind.DEPARTMENT:
        return staff.department
    return None
