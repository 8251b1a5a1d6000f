"""The demo loader, run small: places, rosters, accounts, stories, and loading only once."""

import csv
import datetime as dt
import re

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.utils import timezone

from gongzhi.core.calendar import working_days_after
from gongzhi.demo.accounts import ACCOUNTS, DEMO_PASSWORD
from gongzhi.demo.loader import DemoOptions, is_loaded, load_demo
from gongzhi.demo.rosters import RosterSizes
from gongzhi.needs.models import Need, Reply, Status
from gongzhi.people.models import Body, Member, Staff, User
from gongzhi.places.models import Department, Field, Place

pytestmark = pytest.mark.django_db

MESSAGES = [
    {
        "message_id": "1",
        "user_id": "A1",
        "title": "小区加装电梯进展缓慢",
        "posted_at": "2019-03-04 09:30:00",
        "detail": "加装电梯的申请提交半年了还没有消息。",
        "label": "城乡建设",
    },
]


@pytest.fixture
def small_demo(tmp_path):
    path = tmp_path / "messages.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(MESSAGES[0]))
        writer.writeheader()
        writer.writerows(MESSAGES)
    options = DemoOptions(
        rosters=RosterSizes(experts=13, citizens=6, envoys=4),
        communities_per_subdistrict=1,
        residents=4,
        stories=24,
        message_files=[path],
        progress=False,
    )
    return load_demo(options)


def test_the_demo_is_loaded_only_once(small_demo, capsys):
    # The first command run adds the modules' demos on top of the base demo.
    call_command("load_demo", "--no-progress")
    counts = (User.objects.count(), Need.objects.count(), Place.objects.count())

    call_command("load_demo", "--no-progress")

    assert is_loaded()
    assert "already loaded" in capsys.readouterr().out
    assert (User.objects.count(), Need.objects.count(), Place.objects.count()) == counts


def test_every_role_has_a_demo_login_with_the_demo_password(small_demo):
    users = {
        a.username: authenticate(username=a.username, password=DEMO_PASSWORD) for a in ACCOUNTS
    }

    assert all(users.values())
    assert users["demo-resident"].community.name == "三坊七巷社区"
    assert users["demo-expert"].memberships.get().body == Body.EXPERT
    assert users["demo-citizen"].memberships.get().body == Body.CITIZEN
    assert users["demo-envoy"].memberships.get().body == Body.ENVOY
    assert users["demo-community"].staff.community == users["demo-resident"].community
    assert users["demo-department"].staff.department.name == "区住建局"
    assert users["demo-admin"].staff.kind == Staff.Kind.DISTRICT
    assert users["demo-admin"].is_superuser and users["demo-admin"].is_staff


def test_the_place_tree_has_the_real_subdistricts_and_slug_codes(small_demo):
    subdistricts = Place.objects.filter(level=Place.Level.SUBDISTRICT, is_demo=True)
    grids_per_community = [
        community.children.count()
        for community in Place.objects.filter(level=Place.Level.COMMUNITY, is_demo=True)
    ]

    assert {"鼓东街道", "南街街道", "洪山镇"} <= set(subdistricts.values_list("name", flat=True))
    assert subdistricts.count() == 10
    assert all(3 <= count <= 5 for count in grids_per_community)
    assert all(
        re.fullmatch(r"[a-z0-9-]+", code) for code in Place.objects.values_list("code", flat=True)
    )
    assert Place.objects.get(code="nanjie-01-2").path == "/gulou/nanjie/nanjie-01/nanjie-01-2/"


def test_rosters_have_the_asked_sizes_demo_accounts_included(small_demo):
    members = Member.objects.filter(user__is_demo=True)
    roster_users = User.objects.filter(memberships__isnull=False).exclude(
        username__in=[a.username for a in ACCOUNTS]
    )

    assert members.filter(body=Body.EXPERT).count() == 13
    assert members.filter(body=Body.CITIZEN).count() == 6
    assert members.filter(body=Body.ENVOY).count() == 4
    assert not any(user.has_usable_password() for user in roster_users)
    assert all(user.display_name.endswith("（演示）") for user in roster_users)


def test_every_field_has_an_expert_and_a_department(small_demo):
    fields = Field.objects.filter(is_active=True)

    for field in fields:
        assert field.members.filter(body=Body.EXPERT).exists(), field.name
        assert field.departments.exists(), field.name
    assert Department.objects.count() >= 13
    # The English interface names every demo department in English.
    assert not Department.objects.filter(name_en="").exists()


def test_stories_reach_many_states_through_timelines_within_thirty_days(small_demo):
    stories = Need.objects.filter(source=Need.Source.PLATFORM, is_demo=True)
    month_ago = timezone.now() - dt.timedelta(days=31)

    assert stories.count() == 24
    assert len(set(stories.values_list("status", flat=True))) >= 5
    for need in stories:
        actions = list(need.timeline.values_list("action", flat=True))
        assert actions[0] == "submit"
        assert month_ago < need.submitted_at < timezone.now()
        assert need.submitter.is_demo


def test_backdated_deadlines_follow_the_backdated_times(small_demo):
    stories = Need.objects.filter(source=Need.Source.PLATFORM)
    accepted = stories.filter(accepted_at__isnull=False, reopen_count=0)

    for need in stories:
        assert need.accept_due == working_days_after(need.submitted_at, 1)
    for need in accepted:
        assert need.timeline.get(action="accept").at == need.accepted_at
        assert need.reply_due == working_days_after(need.accepted_at, 15)
    assert Need.objects.filter(status=Status.CLOSED, replies__isnull=True).count() == 0


def test_story_replies_are_judged_on_their_backdated_times(small_demo):
    replies = Reply.objects.filter(need__source=Need.Source.PLATFORM)

    assert replies.exists()
    for reply in replies.select_related("need"):
        delay = (reply.created_at - reply.need.submitted_at).total_seconds() / 86400
        assert reply.quality_detail["delay_days"] == round(delay, 1)
        assert reply.quality_detail["delay_days"] > 0


def test_shipped_messages_are_imported_as_demo_data(small_demo):
    imported = Need.objects.get(source=Need.Source.IMPORT)

    assert imported.is_demo
    assert imported.field.code == "urban-construction"
    assert small_demo.imports[0].created == 1
