"""Pages for the results database. Views parse input, call actions or restricted queries, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongzhi.results import actions, forms, queries, rules
from gongzhi.results.filters import filter_results
from gongzhi.results.links import source_link
from gongzhi.results.models import Result
from gongzhi.results.workflow import RESULT_WORKFLOW, TransitionNotAllowed

PAGE_SIZE = 20

ACTION_FORMS = {
    "review": (forms.ReviewForm, rules.can_review),
    "adopt": (forms.AdoptForm, rules.can_adopt),
    "decline": (forms.DeclineForm, rules.can_decline),
    "implement": (forms.ImplementForm, rules.can_implement),
}


def result_list(request: HttpRequest) -> HttpResponse:
    """Public: every result this visitor may see, with filters and Chinese search."""
    results = queries.visible_results(request.user)
    form = forms.ResultFilterForm(request.GET or None)
    if form.is_valid():
        results = filter_results(results, form.cleaned_data)
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page}
    if request.htmx:
        return render(request, "results/_result_results.html", context)
    return render(request, "results/result_list.html", context)


def _visible_result_or_404(request: HttpRequest, pk: int) -> Result:
    # An internal result is answered with 404, not 403, so nobody learns it exists.
    return get_object_or_404(queries.visible_results(request.user), pk=pk)


def result_detail(request: HttpRequest, pk: int, bound=None) -> HttpResponse:
    """A result and its lifecycle; `bound` is (name, form) of a step that came back with errors."""
    result = _visible_result_or_404(request, pk)
    user = request.user
    context = {
        "result": result,
        "source": source_link(result, user),
        "contributions": result.contributions.select_related("user"),
        "timeline": result.timeline.select_related("actor"),
        "action_forms": [
            (
                name,
                RESULT_WORKFLOW[name].label,
                bound[1] if bound and bound[0] == name else ACTION_FORMS[name][0](prefix=name),
                reverse("results:result_act", args=[result.pk, name]),
            )
            for name in RESULT_WORKFLOW.allowed_from(result.status)
            if ACTION_FORMS[name][1](user, result)
        ],
    }
    return render(request, "results/result_detail.html", context)


def _run(result: Result, name: str, data: dict, user) -> None:
    calls = {
        "review": lambda: actions.start_review(result, actor=user),
        "adopt": lambda: actions.adopt(
            result, actor=user, department=data.get("department"), how=data["how"]
        ),
        "decline": lambda: actions.decline(result, actor=user, reason=data["reason"]),
        "implement": lambda: actions.implement(
            result, actor=user, evidence=data["evidence"], document=data.get("document")
        ),
    }
    calls[name]()


@login_required
@require_POST
def result_act(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """Run one lifecycle step from the detail page."""
    result = _visible_result_or_404(request, pk)
    if name not in ACTION_FORMS:
        raise Http404
    form = ACTION_FORMS[name][0](request.POST, request.FILES, prefix=name)
    if not form.is_valid():
        messages.error(request, _("提交未成功，请按提示修改后再提交。"))
        return result_detail(request, result.pk, bound=(name, form))
    try:
        _run(result, name, form.cleaned_data, request.user)
    except TransitionNotAllowed:
        messages.error(request, _("当前状态下不能执行该操作。"))
    except PermissionDenied:
        messages.error(request, _("您没有权限执行该操作。"))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("已完成：%(action)s") % {"action": RESULT_WORKFLOW[name].label})
    return redirect(result)


def result_document(request: HttpRequest, pk: int, which: str) -> FileResponse:
    """Serve a result's document only to those who may see the result."""
    result = _visible_result_or_404(request, pk)
    files = {"document": result.document, "evidence": result.evidence_document}
    file = files.get(which)
    if not file:
        raise Http404
    return FileResponse(file.open("rb"), as_attachment=True, filename=file.name.rsplit("/", 1)[-1])
