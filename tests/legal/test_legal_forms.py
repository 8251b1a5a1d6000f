"""Dates envoys type into case forms must make sense."""

import datetime as dt

from django.utils import timezone

from gongzhi.legal.forms import CloseForm, SessionForm


def test_a_follow_up_is_planned_for_today_or_later():
    yesterday = timezone.localdate() - dt.timedelta(days=1)

    assert "follow_up_on" in CloseForm(data={"follow_up_on": yesterday.isoformat()}).errors
    assert CloseForm(data={"follow_up_on": timezone.localdate().isoformat()}).is_valid()


def test_a_mediation_session_is_recorded_once_it_has_taken_place():
    session = {
        "venue": "工作站调解室",
        "participants": "双方当事人",
        "summary": "双方同意分期还款。",
    }
    soon = timezone.localtime() + dt.timedelta(days=2)
    earlier = timezone.localtime() - dt.timedelta(hours=2)

    future = SessionForm(data={**session, "held_at": soon.strftime("%Y-%m-%dT%H:%M")})
    past = SessionForm(data={**session, "held_at": earlier.strftime("%Y-%m-%dT%H:%M")})

    assert "held_at" in future.errors
    assert past.is_valid(), past.errors
