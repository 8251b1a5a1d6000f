"""Each envoy's service record gains legal services and events; event materials reach the library."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongzhi.legal import outreach
from gongzhi.legal.models import CaseStatus
from gongzhi.library.models import Item
from gongzhi.records.registry import activities

from tests.factories import CommunityStaffFactory
from tests.factories_legal import OutreachEventFactory

pytestmark = pytest.mark.django_db


def test_an_accepted_case_enters_the_envoys_record_without_the_requester(
    case_at, envoy_member, resident
):
    case = case_at(CaseStatus.CLOSED)

    [activity] = [a for a in activities([envoy_member.pk]) if a.kind == "legal_service"]

    assert activity.title == f"法律咨询 #{case.pk}（劳动纠纷）"
    assert activity.url == ""
    assert resident.display_name not in activity.title


def test_an_offered_case_not_yet_accepted_is_not_in_the_record(case_at, envoy_member):
    case_at(CaseStatus.SUBMITTED)

    assert [a for a in activities([envoy_member.pk]) if a.kind == "legal_service"] == []


def test_a_held_event_enters_each_speakers_record(community_a, envoy_member, other_envoy_member):
    staff = CommunityStaffFactory(community=community_a).user
    event = OutreachEventFactory(community=community_a, created_by=staff, topic="反诈宣传进社区")
    event.organisers.set([envoy_member, other_envoy_member])
    outreach.hold(event, actor=staff, attendance=40)

    found = activities([envoy_member.pk, other_envoy_member.pk])

    assert sorted(a.member_id for a in found if a.kind == "outreach_event") == sorted(
        [envoy_member.pk, other_envoy_member.pk]
    )


def test_community_staff_materials_are_published_to_the_library(community_a):
    staff = CommunityStaffFactory(community=community_a).user
    event = OutreachEventFactory(community=community_a, created_by=staff)

    material = outreach.add_material(
        event, actor=staff, title="防范养老诈骗手册", file=SimpleUploadedFile("a.pdf", b"%PDF")
    )

    item = Item.objects.get(pk=int(material.library_ref))
    assert "防范养老诈骗手册" in item.title
    assert item.attachments.count() == 1


def test_an_envoys_material_goes_to_the_library_too(community_a, station, envoy, envoy_member):
    event = OutreachEventFactory(community=community_a)
    event.organisers.set([envoy_member])

    material = outreach.add_material(
        event, actor=envoy, title="讲义", file=SimpleUploadedFile("b.pdf", b"%PDF")
    )

    item = Item.objects.get()
    assert material.library_ref == str(item.pk)
    assert item.created_by == envoy
