"""The legal demo: a workstation per demo community, duty, cases in every state, events; loaded once."""

import io

import pytest
from django.core.management import call_command

from gongzhi.demo.loader import DemoOptions, load_demo
from gongzhi.demo.rosters import RosterSizes
from gongzhi.legal import demo
from gongzhi.legal.event_models import EventStatus, OutreachEvent
from gongzhi.legal.models import CaseStatus, DutySchedule, LegalCase, Workstation
from gongzhi.places.models import Place

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_district(tmp_path):
    empty = tmp_path / "messages.csv"
    empty.write_text("message_id,user_id,title,posted_at,detail,label\n", encoding="utf-8")
    options = DemoOptions(
        rosters=RosterSizes(experts=13, citizens=6, envoys=60),
        communities_per_subdistrict=1,
        residents=6,
        stories=0,
        message_files=[empty],
        progress=False,
    )
    load_demo(options)


def test_the_legal_demo_covers_every_community_and_state_and_loads_once(demo_district):
    out = io.StringIO()

    demo.load(out, cases=60)
    counts = (
        LegalCase.objects.count(),
        OutreachEvent.objects.count(),
        DutySchedule.objects.count(),
    )
    demo.load(out, cases=60)

    communities = Place.objects.filter(level=Place.Level.COMMUNITY, is_demo=True)
    assert Workstation.objects.filter(community__in=communities).count() == communities.count()
    assert DutySchedule.objects.exists()
    assert set(LegalCase.objects.values_list("status", flat=True)) == set(CaseStatus.values)
    assert LegalCase.objects.filter(is_demo=False).count() == 0
    assert OutreachEvent.objects.filter(status=EventStatus.HELD).exists()
    assert (
        LegalCase.objects.count(),
        OutreachEvent.objects.count(),
        DutySchedule.objects.count(),
    ) == counts
    call_command("send_reminders", stdout=out)
