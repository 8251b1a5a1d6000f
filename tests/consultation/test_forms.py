"""Dates staff type into consultation forms must make sense before anything is created."""

import datetime as dt

import pytest
from django.utils import timezone

from gongzhi.consultation.forms import HearingForm, StudyForm

from tests.factories_consultation import expert

pytestmark = pytest.mark.django_db


def _day(offset: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=offset)).isoformat()


@pytest.fixture
def member():
    return expert("form", ["elderly-childcare"], "养老服务")


def test_a_hearing_cannot_ask_for_opinions_by_a_day_gone_by(member):
    base = {"mode": "written", "question": "如何完善社区助餐服务？", "experts": [member.pk]}

    past = HearingForm(data={**base, "opinions_due": _day(-1)})
    future = HearingForm(data={**base, "opinions_due": _day(7)})

    assert not past.is_valid() and "opinions_due" in past.errors
    assert future.is_valid(), future.errors


def test_study_deadlines_lie_ahead_and_in_the_order_of_the_work(member):
    base = {"brief": "调研社区嵌入式养老的需求与供给。", "experts": [member.pk]}

    reversed_ = StudyForm(
        data={**base, "plan_due": _day(60), "interim_due": _day(30), "final_due": _day(10)}
    )
    past = StudyForm(data={**base, "plan_due": _day(-3)})
    ordered = StudyForm(
        data={**base, "plan_due": _day(10), "interim_due": _day(30), "final_due": _day(60)}
    )

    assert set(reversed_.errors) == {"interim_due", "final_due"}
    assert set(past.errors) == {"plan_due"}
    assert ordered.is_valid(), ordered.errors
