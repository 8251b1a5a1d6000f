"""Pages of micro-projects and budget rounds: proposals, review, ballots, results, implementation."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongzhi.core.search import search
from gongzhi.participation import forms, queries, rules
from gongzhi.participation.actions import budget as actions
from gongzhi.participation.models import Ballot, BudgetRound, MicroProject, ProjectImage
from gongzhi.participation.views.common import events, run, submit


def project_list(request: HttpRequest) -> HttpResponse:
    projects = queries.visible_projects(request.user)
    status = request.GET.get("status", "")
    if status == "funded":
        projects = projects.filter(status__in=queries.FUNDED)
    elif status in MicroProject.Status.values:
        projects = projects.filter(status=status)
    q = request.GET.get("q", "").strip()
    if q:
        projects = search(projects, q)
    page = Paginator(projects, 20).get_page(request.GET.get("page"))
    context = {"page": page, "status": status, "q": q, "statuses": MicroProject.Status.choices}
    return render(request, "participation/project_list.html", context)


@login_required
def project_create(request: HttpRequest) -> HttpResponse:
    form = forms.ProjectForm(
        request.POST or None,
        request.FILES or None,
        initial={"community": request.user.community_id},
    )
    if request.method == "POST" and form.is_valid():
        created = run(
            request,
            lambda: actions.propose(actor=request.user, **form.cleaned_data),
            _("提案已提交，社区将进行可行性审核。"),
        )
        if created:
            return redirect(created)
    return render(request, "participation/project_form.html", {"form": form})


def _project_or_404(request: HttpRequest, pk: int) -> MicroProject:
    return get_object_or_404(queries.visible_projects(request.user), pk=pk)


def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project_or_404(request, pk)
    user = request.user
    status = MicroProject.Status
    context = {
        "project": project,
        "images": project.images.filter(milestone=None),
        "milestones": project.milestones.prefetch_related("images"),
        "review_form": forms.ReviewForm(
            initial={"reviewed_cost": project.estimated_cost}, prefix="review"
        )
        if project.status == status.PROPOSED and rules.can_review_project(user, project)
        else None,
        "milestone_form": forms.MilestoneForm(prefix="milestone")
        if project.status in (status.FUNDED, status.IN_PROGRESS)
        and rules.can_report_progress(user, project)
        else None,
        "accept_form": forms.AcceptForm(prefix="accept")
        if project.status == status.IN_PROGRESS and rules.can_accept_project(user, project)
        else None,
        "timeline": events(project),
    }
    return render(request, "participation/project_detail.html", context)


@login_required
@require_POST
def project_act(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """Review, report progress on, or accept a project, from its page."""
    project = _project_or_404(request, pk)
    steps = {
        "review": (forms.ReviewForm, _review, _("审核结果已保存。")),
        "milestone": (forms.MilestoneForm, _milestone, _("进展已发布。")),
        "accept": (forms.AcceptForm, _accept, _("项目已验收，并已报送成果库。")),
    }
    if name not in steps:
        raise Http404
    form_class, step, done = steps[name]
    # Each panel's form has its own prefix: the page holds several at once.
    form = form_class(request.POST, request.FILES, prefix=name)
    submit(request, form, lambda d: step(project, request.user, d), done)
    return redirect(project)


def _review(project: MicroProject, user, data: dict) -> MicroProject:
    return actions.review(
        project,
        actor=user,
        feasible=data["feasible"],
        reviewed_cost=data.get("reviewed_cost"),
        note=data.get("note", ""),
    )


def _milestone(project: MicroProject, user, data: dict):
    return actions.report_milestone(project, actor=user, **data)


def _accept(project: MicroProject, user, data: dict) -> MicroProject:
    return actions.accept(project, actor=user, note=data["note"])


def project_image(request: HttpRequest, pk: int, image_id: int) -> FileResponse:
    project = _project_or_404(request, pk)
    image = get_object_or_404(ProjectImage, pk=image_id, project=project)
    return FileResponse(image.image.open("rb"))


def round_list(request: HttpRequest) -> HttpResponse:
    rounds = queries.visible_rounds(request.user)
    context = {"rounds": rounds, "can_create": rules.is_organiser(request.user)}
    return render(request, "participation/round_list.html", context)


@login_required
def round_create(request: HttpRequest) -> HttpResponse:
    if not rules.is_organiser(request.user):
        raise PermissionDenied
    form = forms.RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = run(
            request,
            lambda: actions.create_round(actor=request.user, **form.cleaned_data),
            _("预算轮次已创建。"),
        )
        if created:
            return redirect(created)
    return render(request, "participation/round_form.html", {"form": form})


def _round_or_404(request: HttpRequest, pk: int) -> BudgetRound:
    return get_object_or_404(queries.visible_rounds(request.user), pk=pk)


def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    budget_round = _round_or_404(request, pk)
    user = request.user
    ballot = (
        Ballot.objects.filter(budget_round=budget_round, voter=user).first()
        if user.is_authenticated
        else None
    )
    picked = set(ballot.choices.values_list("project_id", flat=True)) if ballot else set()
    form = None
    if rules.can_vote(user, budget_round):
        form = forms.BallotForm(budget_round=budget_round, initial={"projects": list(picked)})
    projects = budget_round.projects.select_related("community")
    if budget_round.status == BudgetRound.Status.ALLOCATED:
        projects = projects.order_by("allocation_rank")
    context = {
        "round": budget_round,
        "projects": projects,
        "ballot": ballot,
        "picked": picked,
        "form": form,
        "can_manage": rules.can_manage_round(user, budget_round),
        "eligible": rules.is_verified_resident_of(user, budget_round.community),
        "funded_total": sum(p.cost for p in projects if p.status in queries.FUNDED),
        "timeline": events(budget_round),
    }
    return render(request, "participation/round_detail.html", context)


@login_required
@require_POST
def round_ballot(request: HttpRequest, pk: int) -> HttpResponse:
    budget_round = _round_or_404(request, pk)
    submit(
        request,
        forms.BallotForm(request.POST, budget_round=budget_round),
        lambda d: actions.cast_ballot(budget_round, actor=request.user, projects=d["projects"]),
        _("选票已保存，截止前可以修改。"),
    )
    return redirect(budget_round)


@login_required
@require_POST
def round_act(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    budget_round = _round_or_404(request, pk)
    calls = {
        "open": (actions.open_voting, _("投票已开始。")),
        "close": (actions.close_voting, _("投票已结束。")),
        "allocate": (actions.publish_allocation, _("结果已公布。")),
    }
    if name not in calls:
        raise Http404
    action, done = calls[name]
    run(request, lambda: action(budget_round, actor=request.user), done)
    return redirect(budget_round)
