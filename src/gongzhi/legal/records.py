"""What legal services add to each envoy's service record (履职档案).

An envoy's record lists the cases they took on and the legal-education
events they spoke at. A case is named by its kind, number and category
only, and links nowhere: the record is read by staff, who may not open it.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.legal.event_models import EventStatus, OutreachEvent
from gongzhi.legal.models import LegalCase
from gongzhi.records.registry import Activity, register


def _in_year(field: str, year: int | None) -> Q:
    return Q(**{f"{field}__year": year}) if year else Q()


def legal_services(member_ids, year):
    rows = LegalCase.objects.filter(
        Q(envoy_id__in=member_ids, accepted_at__isnull=False) & _in_year("accepted_at", year)
    ).only("pk", "kind", "category", "envoy_id", "accepted_at")
    for case in rows:
        title = f"{case.get_kind_display()} #{case.pk}"
        if case.category:
            title += f"（{case.get_category_display()}）"
        yield Activity(case.envoy_id, "legal_service", title, case.accepted_at)


def outreach_events(member_ids, year):
    rows = OutreachEvent.objects.filter(
        Q(organisers__in=member_ids, status=EventStatus.HELD) & _in_year("starts_at", year)
    ).values_list("organisers", "topic", "starts_at", "pk")
    for member_id, topic, starts_at, pk in rows:
        if member_id in member_ids:
            event_url = OutreachEvent(pk=pk).get_absolute_url()
            yield Activity(member_id, "outreach_event", topic, starts_at, event_url)


def register_sources() -> None:
    register("legal_service", _("法务服务"), legal_services)
    register("outreach_event", _("法治宣传"), outreach_events)
