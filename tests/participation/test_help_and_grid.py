"""Neighbour help (offer, request, pairing, done, thanks) and grid members' service in their grid."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongzhi.needs.models import Need, Status
from gongzhi.notices.models import Notification
from gongzhi.participation import queries
from gongzhi.participation.actions import grid as grid_actions
from gongzhi.participation.actions import help as actions
from gongzhi.participation.models import Dispute, HelpPost

from tests import factories
from tests.factories_participation import HelpPostFactory, grid_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def neighbour(community_a):
    return factories.UserFactory(username="neighbour", community=community_a)


def test_an_answer_pairs_the_request_with_a_new_offer_and_tells_the_asker(
    resident, neighbour, django_capture_on_commit_callbacks
):
    request = actions.post(
        actor=resident, direction="request", kind="companionship", title="周末陪老人散步"
    )

    with django_capture_on_commit_callbacks(execute=True):
        match = actions.answer(request, actor=neighbour, note="我周六上午有空")

    request.refresh_from_db()
    assert match.request == request and match.offer.author == neighbour
    assert request.status == match.offer.status == HelpPost.Status.MATCHED
    assert Notification.objects.filter(recipient=resident, kind="help_matched").exists()


def test_suggestions_are_open_posts_of_the_same_kind_and_community_going_the_other_way(
    resident, neighbour, other_resident, community_a
):
    request = actions.post(actor=resident, direction="request", kind="repairs", title="水龙头漏水")
    fits = actions.post(actor=neighbour, direction="offer", kind="repairs", title="会修水电")
    HelpPostFactory(direction="offer", kind="childcare", community=community_a)
    HelpPostFactory(direction="offer", kind="repairs", community=other_resident.community)

    assert list(queries.matches_for(request)) == [fits]
    match = actions.pair(request, fits, actor=resident)
    assert match.offer == fits


def test_neighbours_of_another_community_cannot_answer(resident, other_resident):
    request = actions.post(actor=resident, direction="request", kind="errands", title="代买药品")

    with pytest.raises(PermissionDenied):
        actions.answer(request, actor=other_resident)


def test_the_asker_marks_done_then_thanks_and_the_helper_is_told(
    resident, neighbour, django_capture_on_commit_callbacks
):
    request = actions.post(actor=resident, direction="request", kind="errands", title="代买药品")
    match = actions.answer(request, actor=neighbour)

    with pytest.raises(ValidationError):
        actions.thank(match, actor=resident, words="谢谢")
    with pytest.raises(PermissionDenied):
        actions.mark_done(match, actor=neighbour)
    actions.mark_done(match, actor=resident)
    with django_capture_on_commit_callbacks(execute=True):
        actions.thank(match, actor=resident, words="谢谢小王，药很及时！")

    request.refresh_from_db()
    assert request.status == HelpPost.Status.DONE
    assert Notification.objects.filter(recipient=neighbour, kind="help_thanked").exists()


def test_posting_needs_a_home_community():
    with pytest.raises(PermissionDenied):
        actions.post(
            actor=factories.UserFactory(), direction="offer", kind="errands", title="可以帮忙跑腿"
        )


@pytest.fixture
def member(grid_a):
    return grid_member("gridder", grid_a)


def test_a_grid_member_sees_the_public_needs_of_the_grid_only(member, need_at, grid_a, community_b):
    inside = need_at(Status.ACCEPTED, place=grid_a)
    need_at(Status.ACCEPTED, place=grid_a, is_public=False)
    need_at(Status.ACCEPTED, place=community_b)

    assert list(queries.grid_needs(member, grid_a)) == [inside]
    assert not queries.grid_needs(factories.UserFactory(), grid_a).exists()


def test_a_finding_on_a_grid_need_is_counted_as_grid_work(
    member, need_at, grid_a, community_staff, django_capture_on_commit_callbacks
):
    need = need_at(Status.ACCEPTED, place=grid_a)

    with django_capture_on_commit_callbacks(execute=True):
        finding = grid_actions.add_finding(need, actor=member, note="现场查看，三盏路灯确实不亮。")

    assert finding.need == need
    assert [e.action for e in queries.grid_service(member)] == ["finding"]
    assert Notification.objects.filter(recipient=community_staff, kind="finding_added").exists()


def test_nobody_adds_findings_outside_their_grid(member, need_at, community_b):
    elsewhere = need_at(Status.ACCEPTED, place=community_b)

    with pytest.raises(PermissionDenied):
        grid_actions.add_finding(elsewhere, actor=member, note="看过了")


def test_a_dispute_handed_to_legal_becomes_a_mediation_request_at_the_workstation(
    member, grid_a, community_a, monkeypatch
):
    from gongzhi.legal import actions as legal_actions

    # The category guess is the legal module's business; no model is loaded here.
    monkeypatch.setattr(legal_actions, "suggest_categories", lambda text, top=2: [])
    from gongzhi.legal.models import LegalCase

    from tests.factories_legal import WorkstationFactory

    WorkstationFactory(community=community_a)
    dispute = grid_actions.report_dispute(
        actor=member,
        grid=grid_a,
        title="楼上漏水纠纷",
        summary="楼上卫生间漏水，两家协商赔偿未果。",
        parties="3栋502与402住户",
    )

    grid_actions.help_with(dispute, actor=member, note="上门协调一次，双方同意先维修。")
    dispute = grid_actions.hand_to_legal(
        dispute, actor=member, note="赔偿金额分歧大，需要律师介入。"
    )

    case = LegalCase.objects.get(pk=dispute.legal_case_id)
    assert dispute.status == Dispute.Status.HANDED_OFF and dispute.legal_need is None
    assert case.kind == LegalCase.Kind.MEDIATION and case.parties == "3栋502与402住户"
    assert [e.action for e in queries.grid_service(member)] == ["hand_off", "help", "dispute"]


def test_without_a_workstation_the_hand_off_is_a_marked_private_request_need(member, grid_a):
    dispute = grid_actions.report_dispute(
        actor=member, grid=grid_a, title="楼上漏水纠纷", summary="楼上卫生间漏水。"
    )

    with pytest.raises(ValidationError):
        grid_actions.hand_to_legal(dispute, actor=member, note="需要律师介入。")
    dispute = grid_actions.hand_to_legal(
        dispute, actor=member, note="需要律师介入。", parties="两户邻居"
    )

    need = Need.objects.get(pk=dispute.legal_need_id)
    assert need.kind == Need.Kind.REQUEST and not need.is_public
    assert need.title.startswith(grid_actions.LEGAL_MARKER) and need.place == grid_a


def test_grid_work_and_opened_deliberations_count_in_the_members_service_record(
    member, grid_a, need_at
):
    from gongzhi.people.models import Member
    from gongzhi.records.registry import tallies

    need = need_at(Status.ACCEPTED, place=grid_a)
    grid_actions.add_finding(need, actor=member, note="现场查看属实。")
    grid_actions.report_dispute(
        actor=member, grid=grid_a, title="噪音纠纷", summary="楼上夜间噪音。"
    )
    membership = Member.objects.get(user=member)

    counts = tallies([membership.pk])[membership.pk]

    assert counts["grid_service"] == 2


def test_a_settled_dispute_takes_no_more_work(member, grid_a):
    dispute = grid_actions.report_dispute(
        actor=member, grid=grid_a, title="噪音纠纷", summary="楼上夜间噪音。"
    )
    grid_actions.resolve(dispute, actor=member, outcome="双方签订邻里公约。")

    with pytest.raises(ValidationError):
        grid_actions.help_with(dispute, actor=member, note="再去一次")


def test_disputes_are_visible_to_the_grid_and_its_community_staff_only(
    member, grid_a, community_staff, other_community_staff, resident
):
    dispute = grid_actions.report_dispute(
        actor=member, grid=grid_a, title="噪音纠纷", summary="楼上夜间噪音。"
    )

    assert dispute in queries.visible_disputes(community_staff)
    assert dispute not in queries.visible_disputes(other_community_staff)
    assert dispute not in queries.visible_disputes(resident)
