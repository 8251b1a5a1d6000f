from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongzhi.dashboard.figures import (
    legal_figures,
    member_figures,
    micro_project_figures,
    need_figures,
    result_figures,
)
from gongzhi.needs.models import HotIssue
from gongzhi.needs.queries import visible_needs
from gongzhi.people.models import Body


def home(request: HttpRequest) -> HttpResponse:
    """Public portal home: the key figures and the latest needs."""
    members = member_figures()
    context = {
        "needs": need_figures(request.user),
        "results": result_figures(request.user),
        "legal": legal_figures(),
        "micro_projects": micro_project_figures(request.user),
        "bodies": [(value, label, members[value]) for value, label in Body.choices],
        "latest": visible_needs(request.user)[:8],
        "hot_issues": HotIssue.objects.all()[:5],
    }
    return render(request, "dashboard/home.html", context)
