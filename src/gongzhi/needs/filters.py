"""Filtering a restricted needs queryset by what a list page asks for."""

from django.db.models import QuerySet

from gongzhi.core.search import search
from gongzhi.needs.models import ANSWERED, Need


def filter_needs(needs: QuerySet[Need], criteria: dict) -> QuerySet[Need]:
    """Apply the cleaned filter form values to `needs`; unknown keys are ignored."""
    if criteria.get("field"):
        needs = needs.filter(field=criteria["field"])
    if criteria.get("status"):
        needs = needs.filter(status=criteria["status"])
    if criteria.get("place"):
        needs = needs.within(criteria["place"])
    if criteria.get("since"):
        needs = needs.filter(submitted_at__date__gte=criteria["since"])
    if criteria.get("until"):
        needs = needs.filter(submitted_at__date__lte=criteria["until"])
    if criteria.get("answered"):
        needs = needs.filter(status__in=ANSWERED)
    if criteria.get("overdue"):
        needs = needs.filter(overdue=True)
    if criteria.get("q"):
        needs = search(needs, criteria["q"])
    return needs
