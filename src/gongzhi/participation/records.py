"""What participation adds to each citizens' committee member's service record (履职档案).

Grid work (findings on site, disputes written down, helped with, settled or
handed to a legal envoy) and deliberations the member opened are read from
the participation log; nothing is copied.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongzhi.participation.models import Deliberation, Event
from gongzhi.participation.queries import GRID_WORK
from gongzhi.people.models import Body, Member
from gongzhi.records.registry import Activity, register


def _citizen_members(member_ids) -> dict[int, int]:
    """User id -> member id, for the citizens' committee members among `member_ids`."""
    rows = Member.objects.filter(pk__in=member_ids, body=Body.CITIZEN).values_list("user_id", "pk")
    return dict(rows)


def _subject_url(event: Event) -> str:
    if event.action == Event.Action.FINDING:
        return reverse("participation:grid_need", args=[event.subject_id])
    return reverse("participation:dispute_detail", args=[event.subject_id])


def grid_service(member_ids, year):
    members = _citizen_members(member_ids)
    rows = Event.objects.filter(actor_id__in=members, action__in=GRID_WORK)
    if year:
        rows = rows.filter(at__year=year)
    for event in rows.only("pk", "actor_id", "action", "subject_id", "at"):
        # Named by what was done and a number only: the need or dispute text
        # may hold residents' details, and the record is read more widely.
        title = f"{event.get_action_display()} #{event.subject_id}"
        yield Activity(
            members[event.actor_id], "grid_service", title, event.at, _subject_url(event)
        )


def deliberations(member_ids, year):
    members = _citizen_members(member_ids)
    rows = Deliberation.objects.filter(opened_by_id__in=members)
    if year:
        rows = rows.filter(opened_at__year=year)
    for d in rows.only("pk", "opened_by_id", "question", "opened_at"):
        yield Activity(
            members[d.opened_by_id], "deliberation", d.question, d.opened_at, d.get_absolute_url()
        )


def register_sources() -> None:
    register("grid_service", _("网格服务"), grid_service)
    register("deliberation", _("发起协商议事"), deliberations)
