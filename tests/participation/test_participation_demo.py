"""The participation demo: every part in several states, made through the actions, loaded once."""

import io

import pytest

from gongzhi.demo.loader import DemoOptions, load_demo
from gongzhi.demo.rosters import RosterSizes
from gongzhi.participation import demo
from gongzhi.participation.models import (
    BudgetRound,
    Deliberation,
    HelpPost,
    MicroProject,
    OpinionMap,
    Survey,
    TalkDay,
    Vote,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_district(tmp_path):
    empty = tmp_path / "messages.csv"
    empty.write_text("message_id,user_id,title,posted_at,detail,label\n", encoding="utf-8")
    options = DemoOptions(
        rosters=RosterSizes(experts=13, citizens=6, envoys=6),
        communities_per_subdistrict=1,
        residents=6,
        stories=0,
        message_files=[empty],
        progress=False,
    )
    load_demo(options)


def test_the_demo_covers_every_part_in_several_states_and_loads_once(demo_district):
    out = io.StringIO()

    demo.load(out)
    counts = (Deliberation.objects.count(), Vote.objects.count(), MicroProject.objects.count())
    demo.load(out)

    assert set(Deliberation.objects.values_list("outcome", flat=True)) == {"none", "result", "need"}
    assert Vote.objects.count() > 300
    assert len(OpinionMap.objects.get().data["group_sizes"]) >= 2
    assert set(Survey.objects.values_list("status", flat=True)) == {"open", "closed"}
    assert (
        Survey.objects.filter(is_anonymous=True, responses__respondent__isnull=False).count() == 0
    )
    assert set(TalkDay.objects.values_list("status", flat=True)) == {"scheduled", "held"}
    assert set(BudgetRound.objects.values_list("status", flat=True)) == {"allocated", "open"}
    states = set(MicroProject.objects.values_list("status", flat=True))
    assert {"proposed", "declined", "feasible", "in_progress", "finished", "not_funded"} <= states
    assert HelpPost.objects.filter(status="done").exists()
    assert not MicroProject.objects.filter(is_demo=False).exists()
    assert (
        Deliberation.objects.count(),
        Vote.objects.count(),
        MicroProject.objects.count(),
    ) == counts
    assert "already loaded" in out.getvalue()
