"""Hearings, studies and advice: each way of working a topic, end to end and out of order."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gongzhi.consultation import actions
from gongzhi.consultation.models import Advice, Hearing, Study, Topic
from gongzhi.notices.models import Notification
from gongzhi.results.models import Kind
from gongzhi.results.queries import results_from
from gongzhi.results.workflow import TransitionNotAllowed

from tests import factories
from tests.factories_consultation import document

pytestmark = pytest.mark.django_db


@pytest.fixture
def hearing(topic, district_admin, elder_expert, traffic_expert):
    return actions.start_hearing(
        topic,
        actor=district_admin,
        mode=Hearing.Mode.WRITTEN,
        question="如何补齐助餐服务短板？",
        experts=[elder_expert, traffic_expert],
    )


def test_a_hearing_collects_opinions_and_ends_in_a_result(
    hearing, topic, district_admin, elder_expert, traffic_expert, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        actions.give_opinion(
            hearing, actor=elder_expert.user, body="建议以街道为单位建设中央厨房。"
        )
        actions.give_opinion(
            hearing, actor=traffic_expert.user, body="助餐点选址要考虑老人步行距离。"
        )
        actions.close_hearing(hearing, actor=district_admin)
        result = actions.summarize_hearing(
            hearing, actor=district_admin, title="助餐服务专题咨询综述", summary="两位专家建议……"
        )

    topic.refresh_from_db()
    assert result.kind == Kind.HEARING_SUMMARY
    assert result.source == topic
    assert set(result.contributors.all()) == {elder_expert.user, traffic_expert.user}
    assert topic.status == Topic.Status.CONCLUDED
    assert Notification.objects.filter(
        recipient=elder_expert.user, kind="result_submitted"
    ).exists()


def test_only_invited_experts_give_opinions(hearing):
    outsider = factories.ExpertFactory(user__username="outsider").user

    with pytest.raises(PermissionDenied):
        actions.give_opinion(hearing, actor=outsider, body="我也想发表意见。")


def test_a_late_opinion_is_accepted_but_marked_late(hearing, elder_expert, time_machine):
    time_machine.move_to(hearing.opinions_due + dt.timedelta(days=1))

    opinion = actions.give_opinion(hearing, actor=elder_expert.user, body="迟到的意见。")

    assert opinion.on_time is False


def test_no_opinions_after_the_hearing_closed(hearing, district_admin, elder_expert):
    actions.close_hearing(hearing, actor=district_admin)

    with pytest.raises(TransitionNotAllowed):
        actions.give_opinion(hearing, actor=elder_expert.user, body="结束后补交。")


def test_a_meeting_needs_a_time_and_records_attendance(
    topic, district_admin, elder_expert, traffic_expert
):
    with pytest.raises(ValidationError):
        actions.start_hearing(
            topic,
            actor=district_admin,
            mode=Hearing.Mode.MEETING,
            question="议题",
            experts=[elder_expert],
        )
    hearing = actions.start_hearing(
        topic,
        actor=district_admin,
        mode=Hearing.Mode.MEETING,
        question="议题",
        experts=[elder_expert, traffic_expert],
        meeting_at=timezone.now() + dt.timedelta(days=3),
        meeting_place="区政府3楼会议室",
    )

    actions.close_hearing(
        hearing, actor=district_admin, minutes="会议纪要……", attended=[elder_expert.pk]
    )

    attended = dict(hearing.invitations.values_list("member_id", "attended"))
    assert attended == {elder_expert.pk: True, traffic_expert.pk: False}


def test_a_summary_cannot_come_before_the_hearing_closes(hearing, district_admin):
    with pytest.raises(TransitionNotAllowed):
        actions.summarize_hearing(hearing, actor=district_admin, title="综述", summary="内容")


@pytest.mark.parametrize("role", ["resident", "other_department_staff", "community_staff"])
def test_only_the_owning_department_and_district_start_work(topic, elder_expert, role, request):
    with pytest.raises(PermissionDenied):
        actions.start_hearing(
            topic,
            actor=request.getfixturevalue(role),
            mode=Hearing.Mode.WRITTEN,
            question="?",
            experts=[elder_expert],
        )


def test_a_study_goes_through_its_milestones_to_acceptance(topic, department_staff, elder_expert):
    study = actions.commission_study(
        topic, actor=department_staff, brief="调研全区助餐点运营情况", experts=[elder_expert]
    )
    for kind in ["plan", "interim", "final"]:
        actions.deliver(study, actor=elder_expert.user, kind=kind, document=document(f"{kind}.pdf"))
    actions.return_study(study, actor=department_staff, note="请补充运营成本测算。")
    actions.deliver(study, actor=elder_expert.user, kind="final", document=document("final2.pdf"))

    result = actions.accept_study(study, actor=department_staff, summary="建议财政按餐补贴。")

    study.refresh_from_db()
    assert study.status == Study.Status.ACCEPTED
    assert result.kind == Kind.STUDY_REPORT and result.document
    assert list(result.contributions.values_list("user", "role")) == [
        (elder_expert.user_id, "lead")
    ]


def test_milestones_come_in_order_and_only_from_commissioned_experts(
    topic, district_admin, elder_expert, traffic_expert
):
    study = actions.commission_study(
        topic, actor=district_admin, brief="调研", experts=[elder_expert]
    )

    with pytest.raises(TransitionNotAllowed):
        actions.deliver(study, actor=elder_expert.user, kind="final", document=document())
    with pytest.raises(PermissionDenied):
        actions.deliver(study, actor=traffic_expert.user, kind="plan", document=document())


def test_advice_taken_in_becomes_a_topic_and_a_result(elder_expert, department_staff, department_d):
    advice = actions.give_advice(
        actor=elder_expert.user,
        title="建议开展老年助餐服务调研",
        body="全区老年助餐需求大，建议列入年度课题研究。",
        field=factories.field("elderly-childcare"),
        department=department_d,
    )

    topic = actions.take_in_advice(advice, actor=department_staff, year=2025)

    advice.refresh_from_db()
    assert advice.status == Advice.Status.TAKEN_IN and advice.topic == topic
    assert topic.topic_list.year == 2025 and topic.department == department_d
    assert [r.kind for r in results_from(topic)] == [Kind.ADVICE]


def test_declined_advice_tells_the_expert_why(
    elder_expert, department_staff, department_d, client, django_capture_on_commit_callbacks
):
    advice = actions.give_advice(
        actor=elder_expert.user,
        title="建议",
        body="一条内容足够长的建议，用于测试不予采用。",
        field=factories.field(),
        department=department_d,
    )
    with django_capture_on_commit_callbacks(execute=True):
        actions.decline_advice(
            advice, actor=department_staff, reason="已列入市级课题，不重复研究。"
        )

    client.force_login(elder_expert.user)
    page = client.get(advice.get_absolute_url())

    assert "已列入市级课题，不重复研究。" in page.content.decode()
    assert Notification.objects.filter(recipient=elder_expert.user, kind="advice_declined").exists()


def test_another_department_cannot_review_advice(
    elder_expert, other_department_staff, department_d
):
    advice = actions.give_advice(
        actor=elder_expert.user,
        title="建议",
        body="内容足够长的一条建议内容。",
        field=factories.field(),
        department=department_d,
    )

    with pytest.raises(PermissionDenied):
        actions.take_in_advice(advice, actor=other_department_staff)


def test_only_experts_give_advice(resident, department_d):
    with pytest.raises(PermissionDenied):
        actions.give_advice(
            actor=resident,
            title="建议",
            body="内容",
            field=factories.field(),
            department=department_d,
        )
