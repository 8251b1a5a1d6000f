"""A legal case's life through the actions: offer, accept, pass on, answer, mediate, conclude."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gongzhi.legal import actions
from gongzhi.legal.models import CaseStatus, LegalCase, Mode, Outcome
from gongzhi.notices.models import Notification
from gongzhi.results.models import Kind as ResultKind
from gongzhi.results.models import Result
from gongzhi.results.workflow import TransitionNotAllowed

from tests.factories import EnvoyFactory

pytestmark = pytest.mark.django_db


def timeline(case: LegalCase) -> list[str]:
    return list(case.timeline.values_list("action", flat=True))


def test_a_request_is_categorised_and_offered_to_the_best_envoy(case_at, envoy_member):
    case = case_at(CaseStatus.SUBMITTED)

    assert case.status == CaseStatus.SUBMITTED
    assert case.category == "labor_dispute"
    assert [c for c, _p in case.suggested_categories] == ["labor_dispute", "contract_dispute"]
    assert case.envoy == envoy_member
    assert timeline(case) == ["submit", "offer"]
    # The platform matched the envoy; the applicant did not choose one.
    assert case.timeline.get(action="offer").actor is None


def test_the_offered_envoy_is_notified_after_commit(
    django_capture_on_commit_callbacks, resident, station, envoy
):
    with django_capture_on_commit_callbacks(execute=True):
        case = actions.submit_request(
            resident,
            kind="consultation",
            station=station,
            mode=Mode.ONLINE,
            body="公司拖欠工资怎么办？",
        )

    note = Notification.objects.get(recipient=envoy)
    assert f"#{case.pk}" in note.message
    assert "工资" not in note.message


def test_a_consultation_is_accepted_answered_and_closed(case_at, resident):
    case = case_at(CaseStatus.CLOSED)

    assert case.status == CaseStatus.CLOSED
    assert case.outcome == Outcome.ANSWERED
    assert case.accepted_at and case.answered_at and case.closed_at
    assert timeline(case) == ["submit", "offer", "accept", "answer", "close"]


def test_a_mediation_agreement_becomes_a_result_without_the_parties_names(case_at, envoy):
    case = case_at(CaseStatus.CLOSED, kind=LegalCase.Kind.MEDIATION, parties="张三和李四")

    result = Result.objects.get(kind=ResultKind.MEDIATION)
    assert result.source == case
    assert "张三" not in result.title + result.summary
    assert list(result.contributions.values_list("user", flat=True)) == [envoy.pk]
    assert case.outcome == Outcome.AGREEMENT


def test_a_failed_mediation_is_not_a_result(case_at, envoy):
    case = case_at(CaseStatus.ACCEPTED, kind=LegalCase.Kind.MEDIATION)

    actions.conclude(case, actor=envoy, outcome=Outcome.COURT, note="建议向法院起诉")

    assert not Result.objects.exists()


def test_an_agreement_needs_its_terms(case_at, envoy):
    case = case_at(CaseStatus.ACCEPTED, kind=LegalCase.Kind.MEDIATION)

    with pytest.raises(ValidationError):
        actions.conclude(case, actor=envoy, outcome=Outcome.AGREEMENT, agreement=" ")


def test_envoy_passes_a_case_on_to_the_next_best_envoy(case_at, envoy, other_envoy_member):
    case = case_at(CaseStatus.SUBMITTED)

    case = actions.pass_on(case, actor=envoy, reason="本周出差")

    assert case.envoy == other_envoy_member
    assert case.status == CaseStatus.SUBMITTED
    assert timeline(case)[-2:] == ["pass_on", "offer"]


def test_pass_on_needs_a_reason(case_at, envoy):
    case = case_at(CaseStatus.SUBMITTED)

    with pytest.raises(ValidationError):
        actions.pass_on(case, actor=envoy, reason="")


def test_only_the_offered_envoy_may_accept(case_at, other_envoy, station_lead):
    case = case_at(CaseStatus.SUBMITTED)

    for someone in (other_envoy, station_lead):
        with pytest.raises(PermissionDenied):
            actions.accept(case, actor=someone)


def test_the_station_lead_reassigns_an_accepted_case(case_at, station_lead, other_envoy_member):
    case = case_at(CaseStatus.ACCEPTED)

    case = actions.reassign(case, actor=station_lead, to=other_envoy_member, reason="专业更对口")

    assert case.status == CaseStatus.SUBMITTED
    assert case.envoy == other_envoy_member


def test_an_envoy_cannot_reassign(case_at, envoy, other_envoy_member):
    case = case_at(CaseStatus.ACCEPTED)

    with pytest.raises(PermissionDenied):
        actions.reassign(case, actor=envoy, to=other_envoy_member, reason="x")


def test_a_mediation_records_sessions_then_the_outcome(case_at, envoy):
    case = case_at(CaseStatus.ACCEPTED, kind=LegalCase.Kind.MEDIATION, mode=Mode.HOME_VISIT)

    actions.record_session(
        case,
        actor=envoy,
        held_at=timezone.now(),
        venue="申请人家中",
        participants="双方当事人",
        summary="双方各自陈述",
    )
    case = actions.conclude(
        case,
        actor=envoy,
        outcome=Outcome.AGREEMENT,
        agreement="分期付款",
        follow_up_on=dt.date(2030, 1, 6),
    )

    assert case.sessions.count() == 1
    assert case.follow_up_on == dt.date(2030, 1, 6)
    assert timeline(case)[-3:] == ["session", "conclude", "result"]


def test_a_requester_withdraws_an_open_case_but_not_a_closed_one(case_at, resident):
    open_case = case_at(CaseStatus.ACCEPTED)
    closed_case = case_at(CaseStatus.CLOSED)

    actions.withdraw(open_case, actor=resident)

    open_case.refresh_from_db()
    assert open_case.status == CaseStatus.WITHDRAWN
    with pytest.raises(TransitionNotAllowed):
        actions.withdraw(closed_case, actor=resident)


def test_a_consultation_cannot_skip_the_answer(case_at, envoy):
    case = case_at(CaseStatus.ACCEPTED)

    with pytest.raises(TransitionNotAllowed):
        actions.close(case, actor=envoy)


def test_home_visit_needs_an_address(resident, station):
    with pytest.raises(ValidationError) as error:
        actions.submit_request(
            resident,
            kind="consultation",
            station=station,
            mode=Mode.HOME_VISIT,
            body="邻居漏水不修怎么办",
        )

    assert "address" in error.value.message_dict


def test_internal_notes_are_for_envoys_only(case_at, resident, envoy):
    case = case_at(CaseStatus.ACCEPTED)

    with pytest.raises(PermissionDenied):
        actions.add_note(case, actor=resident, body="我能写内部备注吗", is_internal=True)
    note = actions.add_note(case, actor=envoy, body="需要补充劳动合同", is_internal=True)

    assert note.is_internal


def test_requester_consents_to_publishing_an_answered_consultation(case_at, resident, envoy):
    case = case_at(CaseStatus.ANSWERED)

    case = actions.give_consent(case, actor=resident)

    assert case.publish_consent
    with pytest.raises(PermissionDenied):
        actions.give_consent(case, actor=envoy)


def test_without_envoys_the_request_waits_for_the_lead(resident, station):
    case = actions.submit_request(
        resident, kind="consultation", station=station, mode=Mode.ONLINE, body="公司拖欠工资"
    )

    assert case.envoy is None
    assert timeline(case) == ["submit", "offer"]


def test_reassign_refuses_someone_who_is_not_an_envoy(case_at, station_lead):
    case = case_at(CaseStatus.SUBMITTED)
    citizen = EnvoyFactory(body="citizen")

    with pytest.raises(ValidationError):
        actions.reassign(case, actor=station_lead, to=citizen, reason="x")


def test_the_shipped_legal_classifier_suggests_two_categories():
    from gongzhi.insight.classify import artefact_path

    if not artefact_path("legal").exists():
        pytest.skip("the legal model is not built in this checkout (gongzhi train --model legal)")
    from gongzhi.legal.categories import suggest_categories

    guesses = suggest_categories("公司拖欠我三个月工资，老板不接电话，怎么办？")

    assert len(guesses) == 2
    assert guesses[0].category == "labor_dispute"
    assert guesses[0].probability >= guesses[1].probability


def test_an_answered_consultation_with_consent_becomes_an_anonymised_faq(case_at, resident):
    resident.display_name = "林晓"
    resident.save()
    case = case_at(
        CaseStatus.ANSWERED, body="我是林晓，手机13912345678，公司拖欠我三个月工资怎么办？"
    )

    case = actions.give_consent(case, actor=resident)

    item = case.faq_item
    assert item.kind == "faq" and item.is_public
    assert "拖欠" in item.body and "劳动仲裁" in item.body
    assert "林晓" not in item.body and "13912345678" not in item.body
    assert item.created_by == case.envoy.user


def test_consent_given_before_the_answer_publishes_once_answered(case_at, resident, envoy):
    case = case_at(CaseStatus.ACCEPTED)
    case = actions.give_consent(case, actor=resident)
    assert case.faq_item is None

    case = actions.answer(case, actor=envoy, body="可以向劳动监察大队投诉，或者申请劳动仲裁。")

    assert case.faq_item is not None
