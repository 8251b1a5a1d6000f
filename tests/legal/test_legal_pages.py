"""Legal pages: filing a request, booking, the case page, events, figures and the home figures."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gongzhi.core.calendar import SHANGHAI
from gongzhi.legal import outreach
from gongzhi.legal.event_models import EventStatus, OutreachEvent
from gongzhi.legal.models import Appointment, CaseStatus, LegalCase, Mode

from tests.factories import CommunityStaffFactory, UserFactory
from tests.factories_legal import OutreachEventFactory

pytestmark = pytest.mark.django_db

SUNDAY_MORNING = dt.datetime(2031, 1, 5, 10, 0, tzinfo=SHANGHAI)


def test_public_pages_open_without_signing_in(client, station, envoy_member):
    for url in (
        reverse("legal:legal_home"),
        reverse("legal:workstation_detail", args=[station.pk]),
        reverse("legal:event_list"),
        reverse("legal:figures"),
    ):
        assert client.get(url).status_code == 200


def test_the_station_page_shows_the_weekly_duty(client, station, envoy_member):
    page = client.get(reverse("legal:workstation_detail", args=[station.pk])).content.decode()

    assert "周一" in page
    assert "09:00–11:00" in page
    assert "郑律师" in page


def test_a_resident_files_a_home_visit_mediation_through_the_form(client, resident, station, envoy):
    client.force_login(resident)

    response = client.post(
        reverse("legal:case_create"),
        {
            "kind": "mediation",
            "station": station.pk,
            "mode": "home_visit",
            "address": "南后街88号",
            "body": "楼上邻居装修漏水把我家天花板泡坏了，协商不成。",
            "parties": "楼上邻居",
            "dispute_kind": "neighbour",
            "amount": "3000",
            "requester_type": "resident",
        },
    )

    case = LegalCase.objects.get()
    assert response.url == reverse("legal:case_detail", args=[case.pk])
    assert (case.kind, case.mode, case.envoy.user) == ("mediation", Mode.HOME_VISIT, envoy)


def test_the_form_keeps_what_was_typed_when_the_address_is_missing(client, resident, station):
    client.force_login(resident)

    response = client.post(
        reverse("legal:case_create"),
        {
            "kind": "consultation",
            "station": station.pk,
            "mode": "home_visit",
            "body": "老人赡养问题想咨询",
            "requester_type": "resident",
        },
    )

    assert response.status_code == 200
    assert "上门服务请填写地址。" in response.content.decode()
    assert "老人赡养问题想咨询" in response.content.decode()
    assert not LegalCase.objects.exists()


@time_machine.travel(SUNDAY_MORNING, tick=False)
def test_the_requester_books_a_slot_from_the_booking_page(client, case_at, resident):
    case = case_at(CaseStatus.SUBMITTED, mode=Mode.HOME_VISIT)
    client.force_login(resident)
    page = client.get(reverse("legal:case_book", args=[case.pk])).content.decode()
    assert "09:00" in page
    key = page.split('name="slot" value="')[1].split('"')[0]

    client.post(reverse("legal:case_book", args=[case.pk]), {"slot": key})

    appointment = Appointment.objects.get()
    assert appointment.starts_at == dt.datetime(2031, 1, 6, 9, 0, tzinfo=SHANGHAI)
    detail = client.get(reverse("legal:case_detail", args=[case.pk])).content.decode()
    assert "1月6日" in detail


def test_the_envoy_answers_from_the_case_page(client, case_at, envoy, resident):
    case = case_at(CaseStatus.ACCEPTED)
    client.force_login(envoy)

    client.post(
        reverse("legal:case_act", args=[case.pk, "answer"]), {"answer-body": "建议先申请劳动仲裁。"}
    )

    case.refresh_from_db()
    assert case.status == CaseStatus.ANSWERED
    client.force_login(resident)
    assert (
        "建议先申请劳动仲裁"
        in client.get(reverse("legal:case_detail", args=[case.pk])).content.decode()
    )


def test_case_page_queries_do_not_grow_with_the_timeline(
    client, case_at, envoy, django_assert_max_num_queries
):
    case = case_at(CaseStatus.CLOSED)
    client.force_login(envoy)
    client.get(reverse("legal:case_detail", args=[case.pk]))

    with django_assert_max_num_queries(30):
        client.get(reverse("legal:case_detail", args=[case.pk]))


def test_case_list_costs_the_same_for_one_case_or_many(
    client, case_at, envoy, django_assert_num_queries
):
    case_at(CaseStatus.SUBMITTED)
    client.force_login(envoy)
    client.get(reverse("legal:case_list"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("legal:case_list"))
    for _ in range(4):
        case_at(CaseStatus.ACCEPTED)
    with CaptureQueriesContext(connection) as five:
        client.get(reverse("legal:case_list"))

    assert len(five) == len(one)


def test_community_staff_plan_an_event_that_residents_register_for(client, community_a, resident):
    staff = CommunityStaffFactory(community=community_a).user
    client.force_login(staff)
    start = timezone.now() + dt.timedelta(days=5)

    client.post(
        reverse("legal:event_create"),
        {
            "topic": "民法典与老年人权益",
            "community": community_a.pk,
            "form": "talk",
            "venue": "社区活动室",
            "starts_at": start.astimezone(SHANGHAI).strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + dt.timedelta(hours=2))
            .astimezone(SHANGHAI)
            .strftime("%Y-%m-%dT%H:%M"),
            "capacity": "30",
        },
    )
    event = OutreachEvent.objects.get()
    client.force_login(resident)
    client.post(reverse("legal:event_register", args=[event.pk]))

    assert list(event.registrations.values_list("user", flat=True)) == [resident.pk]


def test_an_event_is_held_with_its_attendance_and_counts_on_the_home_page(
    client, community_a, resident
):
    staff = CommunityStaffFactory(community=community_a).user
    event = OutreachEventFactory(community=community_a, created_by=staff)
    outreach.register(event, actor=resident)

    client.force_login(staff)
    client.post(
        reverse("legal:event_act", args=[event.pk, "hold"]),
        {
            "hold-attendance": "25",
            "hold-attended": [str(resident.pk)],
            "hold-summary": "讲解赡养义务",
        },
    )

    event.refresh_from_db()
    assert (event.status, event.attendance) == (EventStatus.HELD, 25)
    assert event.registrations.get().attended
    home = client.get(reverse("dashboard:home")).content.decode()
    assert 'data-figure="legal-events">1<' in home


def test_a_full_event_refuses_one_more(client, community_a):
    event = OutreachEventFactory(community=community_a, capacity=1)
    first, second = UserFactory(), UserFactory()
    outreach.register(event, actor=first)
    client.force_login(second)

    response = client.post(reverse("legal:event_register", args=[event.pk]), follow=True)

    assert "名额已满" in response.content.decode()
    assert event.registrations.count() == 1


def test_a_resident_cannot_record_someone_elses_event(client, community_a, resident):
    event = OutreachEventFactory(community=community_a)
    client.force_login(resident)

    response = client.post(
        reverse("legal:event_act", args=[event.pk, "hold"]), {"hold-attendance": "5"}
    )

    assert response.status_code == 404


def test_home_counts_legal_services_but_not_withdrawn_requests(client, case_at):
    case_at(CaseStatus.CLOSED)
    case_at(CaseStatus.WITHDRAWN)

    home = client.get(reverse("dashboard:home")).content.decode()

    assert 'data-figure="legal-services">1<' in home


def test_figures_by_envoy_are_for_staff_and_envoys_only(client, case_at, envoy, other_resident):
    case_at(CaseStatus.CLOSED)

    public = client.get(reverse("legal:figures")).content.decode()
    client.force_login(envoy)
    inside = client.get(reverse("legal:figures")).content.decode()

    assert "按特派员" not in public
    assert "按特派员" in inside


def test_a_session_with_errors_comes_back_with_what_the_envoy_wrote(client, case_at, envoy):
    case = case_at(CaseStatus.ACCEPTED, kind="mediation")
    client.force_login(envoy)
    summary = "双方就欠款数额达成初步一致，约定下周再谈还款期限。"

    response = client.post(
        reverse("legal:case_act", args=[case.pk, "session"]),
        {
            "session-held_at": "2030-05-01T10:00",
            "session-venue": "工作站调解室",
            "session-participants": "双方当事人",
            "session-summary": summary,
        },
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert summary in page and "调解时间不能晚于现在。" in page
    assert not case.sessions.exists()
