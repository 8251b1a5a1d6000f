"""Pages of grid service: a member's grids and their needs, on-site findings, neighbour disputes."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongzhi.needs.queries import visible_needs
from gongzhi.participation import forms, queries, rules
from gongzhi.participation.actions import grid as actions
from gongzhi.participation.models import Dispute, FindingImage
from gongzhi.participation.views.common import events, form_errors, run


@login_required
def grid_home(request: HttpRequest) -> HttpResponse:
    """The member's grids: their needs, the disputes in hand, and the work done so far."""
    grids = rules.grids_of(request.user)
    if not grids and not rules.is_staff_user(request.user):
        raise PermissionDenied
    context = {
        "grids": [(g, queries.grid_needs(request.user, g)[:30]) for g in grids],
        "disputes": queries.visible_disputes(request.user)[:30],
        "service": queries.grid_service(request.user)[:30],
        "dispute_form": forms.DisputeForm(grids=grids) if grids else None,
    }
    return render(request, "participation/grid_home.html", context)


def _need_with_findings_or_404(request: HttpRequest, need_id: int):
    need = get_object_or_404(visible_needs(request.user).select_related("place"), pk=need_id)
    if not rules.can_view_findings(request.user, need):
        raise Http404
    return need


@login_required
def grid_need(request: HttpRequest, need_id: int) -> HttpResponse:
    need = _need_with_findings_or_404(request, need_id)
    form = forms.FindingForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            if run(
                request,
                lambda: actions.add_finding(need, actor=request.user, **form.cleaned_data),
                _("现场核实已提交。"),
            ):
                return redirect("participation:grid_need", need_id=need.pk)
        else:
            form_errors(request, form)
    context = {
        "need": need,
        "findings": need.findings.select_related("author").prefetch_related("images"),
        "form": form if rules.can_add_finding(request.user, need) else None,
    }
    return render(request, "participation/grid_need.html", context)


@login_required
def finding_image(request: HttpRequest, need_id: int, image_id: int) -> FileResponse:
    need = _need_with_findings_or_404(request, need_id)
    image = get_object_or_404(FindingImage, pk=image_id, finding__need=need)
    return FileResponse(image.image.open("rb"))


@login_required
@require_POST
def dispute_create(request: HttpRequest) -> HttpResponse:
    grids = rules.grids_of(request.user)
    form = forms.DisputeForm(request.POST, grids=grids)
    if form.is_valid():
        created = run(
            request,
            lambda: actions.report_dispute(actor=request.user, **form.cleaned_data),
            _("纠纷已登记。"),
        )
        if created:
            return redirect(created)
    else:
        form_errors(request, form)
    return redirect("participation:grid_home")


def _dispute_or_404(request: HttpRequest, pk: int) -> Dispute:
    return get_object_or_404(queries.visible_disputes(request.user), pk=pk)


@login_required
def dispute_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dispute = _dispute_or_404(request, pk)
    context = {
        "dispute": dispute,
        "can_handle": dispute.status == Dispute.Status.OPEN
        and rules.can_handle_dispute(request.user, dispute),
        "timeline": events(dispute),
        "note_form": forms.NoteForm(prefix="help"),
        "handoff_form": forms.NoteForm(prefix="handoff"),
        "outcome_form": forms.OutcomeForm(),
    }
    return render(request, "participation/dispute_detail.html", context)


@login_required
@require_POST
def dispute_act(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    dispute = _dispute_or_404(request, pk)
    user, post = request.user, request.POST
    if name == "help":
        run(
            request,
            lambda: actions.help_with(dispute, actor=user, note=post.get("help-note", "")),
            _("调处情况已记录。"),
        )
    elif name == "resolve":
        run(
            request,
            lambda: actions.resolve(dispute, actor=user, outcome=post.get("outcome", "")),
            _("纠纷已化解。"),
        )
    elif name == "hand-off":
        run(
            request,
            lambda: actions.hand_to_legal(
                dispute,
                actor=user,
                note=post.get("handoff-note", ""),
                parties=post.get("parties", ""),
            ),
            _("已移交法务特派员。"),
        )
    else:
        raise Http404
    return redirect(dispute)
