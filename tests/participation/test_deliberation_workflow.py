"""Deliberation on a public need: who may open it, taking part, moderation, closing and routing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongzhi.core.search import search
from gongzhi.needs.models import Status
from gongzhi.notices.models import Notification
from gongzhi.participation import queries
from gongzhi.participation.actions import deliberation as actions
from gongzhi.participation.models import Comment, Deliberation, Event, MicroProject, Stance
from gongzhi.results.models import Kind, Result

from tests import factories
from tests.factories_participation import open_on, space_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def need(need_at):
    return need_at(Status.ACCEPTED)


def test_community_staff_open_a_deliberation_in_the_needs_field_space(need, community_staff):
    deliberation = open_on(need, community_staff, "电梯加装费用如何分摊")

    assert deliberation.space.field == need.field
    assert deliberation.question == "电梯加装费用如何分摊"
    assert Event.objects.filter(subject_id=deliberation.pk, action="open").exists()


def test_a_committee_member_of_the_field_may_open_one_but_not_of_another_field(need):
    member = space_member("member", "livable-homes")
    stranger = space_member("stranger", "transport")

    with pytest.raises(PermissionDenied):
        open_on(need, stranger)
    assert open_on(need, member).opened_by == member


def test_a_resident_cannot_open_a_deliberation(need, other_resident):
    with pytest.raises(PermissionDenied):
        open_on(need, other_resident)


def test_a_private_need_cannot_be_deliberated(need_at, district_admin):
    private = need_at(Status.ACCEPTED, is_public=False)

    with pytest.raises(PermissionDenied):
        open_on(private, district_admin)


def test_a_need_is_deliberated_only_once(need, district_admin):
    open_on(need, district_admin)

    with pytest.raises(ValidationError):
        open_on(need, district_admin)


def test_followers_of_the_space_hear_of_a_new_deliberation(
    need, district_admin, other_resident, django_capture_on_commit_callbacks
):
    from gongzhi.participation.models import FieldSpace, SpaceFollow

    SpaceFollow.objects.create(space=FieldSpace.objects.get(field=need.field), user=other_resident)

    with django_capture_on_commit_callbacks(execute=True):
        open_on(need, district_admin)

    assert Notification.objects.filter(
        recipient=other_resident, kind="deliberation_opened"
    ).exists()


def test_changing_ones_stance_keeps_one_stance_and_the_counts_right(
    need, district_admin, other_resident, resident
):
    deliberation = open_on(need, district_admin)

    actions.take_stance(deliberation, actor=other_resident, side="support")
    actions.take_stance(deliberation, actor=resident, side="support")
    actions.take_stance(deliberation, actor=other_resident, side="oppose")

    deliberation.refresh_from_db()
    assert (deliberation.support_count, deliberation.oppose_count) == (1, 1)
    assert Stance.objects.filter(deliberation=deliberation).count() == 2


def test_ratings_average_and_replace(need, district_admin, other_resident, resident):
    deliberation = open_on(need, district_admin)

    actions.rate(deliberation, actor=other_resident, score=2)
    actions.rate(deliberation, actor=other_resident, score=4)
    actions.rate(deliberation, actor=resident, score=5)

    deliberation.refresh_from_db()
    assert deliberation.average_rating == 4.5
    with pytest.raises(ValidationError):
        actions.rate(deliberation, actor=resident, score=6)


def test_a_reply_notifies_the_author_without_quoting_anyone(
    need, district_admin, resident, other_resident, django_capture_on_commit_callbacks
):
    deliberation = open_on(need, district_admin)
    first = actions.comment(deliberation, actor=resident, body="费用应按楼层分摊。", side="for")

    with django_capture_on_commit_callbacks(execute=True):
        reply = actions.comment(
            deliberation,
            actor=other_resident,
            body="一楼住户不受益，不该出钱。",
            side="against",
            parent=first,
        )

    assert reply.parent == first
    notice = Notification.objects.get(recipient=resident, kind="comment_replied")
    assert "一楼" not in notice.message and "楼层" not in notice.message


def test_nobody_takes_part_once_it_is_closed(need, district_admin, resident):
    deliberation = open_on(need, district_admin)
    actions.close_deliberation(deliberation, actor=district_admin, conclusion="按受益程度分摊。")

    with pytest.raises(PermissionDenied):
        actions.comment(deliberation, actor=resident, body="还想说一句")


def test_a_hidden_comment_leaves_lists_search_and_notifications(
    need, district_admin, resident, other_resident, django_capture_on_commit_callbacks
):
    deliberation = open_on(need, district_admin)
    bad = actions.comment(
        deliberation, actor=resident, body="隔壁王某某就是个骗子电话13800138000", side="against"
    )
    good = actions.comment(deliberation, actor=other_resident, body="建议先开协调会", side="for")

    with django_capture_on_commit_callbacks(execute=True):
        actions.hide_comment(bad, actor=district_admin, reason="人身攻击")

    assert list(queries.shown_comments(deliberation)) == [good]
    assert not search(Comment.objects.all(), "骗子").exists()
    assert search(Comment.objects.all(), "协调会").exists()
    assert not Notification.objects.filter(message__contains="骗子").exists()
    assert Event.objects.get(action="hide").note == "人身攻击"


def test_a_hidden_comment_cannot_be_answered(need, district_admin, resident, other_resident):
    deliberation = open_on(need, district_admin)
    bad = actions.comment(deliberation, actor=resident, body="不文明的话")
    actions.hide_comment(bad, actor=district_admin, reason="不文明用语")

    with pytest.raises(ValidationError):
        actions.comment(deliberation, actor=other_resident, body="回复", parent=bad)


def test_residents_and_staff_of_another_community_cannot_moderate(
    need, district_admin, resident, other_resident, other_community_staff
):
    deliberation = open_on(need, district_admin)
    remark = actions.comment(deliberation, actor=resident, body="一段话")

    for outsider in (other_resident, other_community_staff):
        with pytest.raises(PermissionDenied):
            actions.hide_comment(remark, actor=outsider, reason="不喜欢")


def test_hiding_needs_a_reason(need, district_admin, resident):
    deliberation = open_on(need, district_admin)
    remark = actions.comment(deliberation, actor=resident, body="一段话")

    with pytest.raises(ValidationError):
        actions.hide_comment(remark, actor=district_admin, reason=" ")


def test_closing_routes_the_conclusion_to_a_department_as_an_assigned_need(
    need, community_staff, department_d
):
    deliberation = open_on(need, community_staff)

    deliberation = actions.close_deliberation(
        deliberation,
        actor=community_staff,
        conclusion="请住建部门牵头制定分摊指引。",
        outcome=Deliberation.Outcome.NEED,
        department=department_d,
    )

    routed = deliberation.routed_need
    assert deliberation.status == Deliberation.Status.CLOSED
    assert routed.status == Status.ASSIGNED and routed.department == department_d
    assert routed.place == need.place and routed.body == "请住建部门牵头制定分摊指引。"
    assert list(routed.timeline.values_list("action", flat=True)) == ["submit", "accept", "assign"]


def test_closing_routes_the_conclusion_to_a_micro_project_proposal(
    need, community_staff, community_a
):
    deliberation = open_on(need, community_staff)

    deliberation = actions.close_deliberation(
        deliberation,
        actor=community_staff,
        conclusion="在单元门口加装无障碍坡道。",
        outcome=Deliberation.Outcome.PROPOSAL,
        estimated_cost=30000,
    )

    project = deliberation.routed_project
    assert project.status == MicroProject.Status.PROPOSED
    assert (project.community, project.estimated_cost) == (community_a, 30000)


def test_closing_routes_the_conclusion_to_the_results_database_with_participants(
    need, community_staff, resident, other_resident
):
    deliberation = open_on(need, community_staff)
    actions.comment(deliberation, actor=other_resident, body="支持")

    deliberation = actions.close_deliberation(
        deliberation,
        actor=community_staff,
        conclusion="形成三条共识。",
        outcome=Deliberation.Outcome.RESULT,
    )

    result = Result.objects.get(pk=deliberation.routed_result_id)
    assert result.kind == Kind.DELIBERATION and result.source == deliberation
    assert other_resident in result.contributors.all()


def test_routing_to_a_department_needs_one(need, community_staff):
    deliberation = open_on(need, community_staff)

    with pytest.raises(ValidationError):
        actions.close_deliberation(
            deliberation, actor=community_staff, conclusion="结论", outcome="need"
        )
    deliberation.refresh_from_db()
    assert deliberation.status == Deliberation.Status.OPEN


def test_only_the_intake_desk_closes(need, community_staff, resident):
    deliberation = open_on(need, community_staff)

    with pytest.raises(PermissionDenied):
        actions.close_deliberation(deliberation, actor=resident, conclusion="我说了算")


def test_deliberations_on_private_needs_are_not_listed(
    need_at, need, district_admin, other_resident
):
    deliberation = open_on(need, district_admin)
    # A need made private after the deliberation opened drops out of the lists.
    type(need).objects.filter(pk=need.pk).update(is_public=False)

    assert deliberation not in queries.visible_deliberations(other_resident)
    assert deliberation in queries.visible_deliberations(district_admin)
    assert factories  # the shared factories stay importable next to ours
