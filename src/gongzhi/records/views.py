"""Service records: a member's yearly report, printable, and the committee-wide overview."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from gongzhi.people.models import Body, Member
from gongzhi.records import registry, rules


def _year(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year


@login_required
def record_mine(request: HttpRequest) -> HttpResponse:
    """Go to the signed-in member's own record."""
    member = Member.objects.filter(user=request.user).order_by("body").first()
    if member is None:
        raise Http404
    return redirect("records:record_detail", pk=member.pk)


@login_required
def record_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A member's service report for one year; it prints on one or two pages."""
    member = get_object_or_404(Member.objects.select_related("user", "community"), pk=pk)
    if not rules.can_view_record(request.user, member):
        raise Http404
    year = _year(request)
    activities = registry.linked_for(request.user, registry.activities([member.pk], year))
    counts = registry.tallies([member.pk], year)[member.pk]
    summary = [(source.label, counts[kind]) for kind, source in registry.SOURCES.items()]
    context = {
        "member": member,
        "year": year,
        "activities": activities,
        "summary": summary,
        "labels": {k: s.label for k, s in registry.SOURCES.items()},
    }
    return render(request, "records/record_detail.html", context)


@login_required
def record_overview(request: HttpRequest) -> HttpResponse:
    """Staff: every active member of a body with their activity counts for the year."""
    if not rules.can_view_overview(request.user):
        raise PermissionDenied
    body = request.GET.get("body", Body.EXPERT)
    if body not in Body.values:
        body = Body.EXPERT
    year = _year(request)
    members = list(Member.objects.active().filter(body=body).select_related("user"))
    counts = registry.tallies([m.pk for m in members], year)
    kinds = list(registry.SOURCES)
    rows = [(m, [counts[m.pk][k] for k in kinds], sum(counts[m.pk].values())) for m in members]
    rows.sort(key=lambda row: (-row[2], row[0].pk))
    context = {
        "rows": rows,
        "year": year,
        "body": body,
        "bodies": Body.choices,
        "headers": [registry.SOURCES[k].label for k in kinds],
        "inactive": sum(1 for row in rows if row[2] == 0),
    }
    return render(request, "records/record_overview.html", context)
