"""The service activities that decision consultation and the results database contribute."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.consultation.models import Advice, Invitation, Opinion, Study
from gongzhi.consultation.queries import visible_advice
from gongzhi.people.models import Member
from gongzhi.records.registry import Activity, register
from gongzhi.results.models import ADOPTED, Contribution


def _in_year(field: str, year: int | None) -> Q:
    return Q(**{f"{field}__year": year}) if year else Q()


def hearings_attended(member_ids, year):
    rows = Invitation.objects.filter(
        Q(member_id__in=member_ids, attended=True) & _in_year("hearing__meeting_at", year)
    )
    for row in rows.select_related("hearing__topic"):
        yield Activity(
            row.member_id,
            "hearing_attended",
            row.hearing.topic.title,
            row.hearing.meeting_at,
            row.hearing.get_absolute_url(),
        )


def opinions(member_ids, year):
    rows = Opinion.objects.filter(Q(member_id__in=member_ids) & _in_year("submitted_at", year))
    for row in rows.select_related("hearing__topic"):
        yield Activity(
            row.member_id,
            "opinion",
            row.hearing.topic.title,
            row.submitted_at,
            row.hearing.get_absolute_url(),
        )


def studies(member_ids, year):
    rows = Study.experts.through.objects.filter(
        Q(member_id__in=member_ids) & _in_year("study__created_at", year)
    )
    for row in rows.select_related("study__topic"):
        yield Activity(
            row.member_id,
            "study",
            row.study.topic.title,
            row.study.created_at,
            row.study.get_absolute_url(),
        )


def advice(member_ids, year):
    rows = Advice.objects.filter(Q(author_id__in=member_ids) & _in_year("submitted_at", year))
    for row in rows:
        yield Activity(
            row.author_id, "advice", row.title, row.submitted_at, row.get_absolute_url(), row.pk
        )


def advice_openable(viewer, rows: list[Activity]) -> set[int]:
    """Advice is seen by its expert and the department it was addressed to, not by every reader."""
    visible = visible_advice(viewer).filter(pk__in=[row.ref for row in rows])
    return set(visible.values_list("pk", flat=True))


def results_adopted(member_ids, year):
    """Results a member contributed to that a department adopted, counted in the year of adoption."""
    users = dict(Member.objects.filter(pk__in=member_ids).values_list("user_id", "pk"))
    rows = Contribution.objects.filter(
        Q(user_id__in=users, result__status__in=ADOPTED) & _in_year("result__adopted_at", year)
    ).select_related("result")
    for row in rows:
        yield Activity(
            users[row.user_id],
            "result_adopted",
            row.result.title,
            row.result.adopted_at,
            row.result.get_absolute_url(),
        )


register("hearing_attended", _("出席咨询会议"), hearings_attended)
register("opinion", _("提交书面意见"), opinions)
register("study", _("承担调研"), studies)
register("advice", _("荐题献策"), advice, advice_openable)
register("result_adopted", _("成果被采纳"), results_adopted)
