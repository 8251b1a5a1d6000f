"""Filtering a restricted results queryset by what the list page asks for."""

from django.db.models import QuerySet

from gongzhi.core.search import search
from gongzhi.results.models import ADOPTED, Result


def filter_results(results: QuerySet[Result], criteria: dict) -> QuerySet[Result]:
    """Apply the cleaned filter form values to `results`; unknown keys are ignored."""
    for key in ("kind", "field", "status", "department"):
        if criteria.get(key):
            results = results.filter(**{key: criteria[key]})
    if criteria.get("year"):
        results = results.filter(submitted_at__year=criteria["year"])
    if criteria.get("adopted"):
        results = results.filter(status__in=ADOPTED)
    if criteria.get("q"):
        results = search(results, criteria["q"])
    return results
