"""Pages for decision consultation. Views parse input, call actions or restricted queries, render."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongzhi.consultation import actions, forms, queries, rules
from gongzhi.consultation.matching import suggest_experts
from gongzhi.consultation.models import Advice, Hearing, Milestone, Study, Topic
from gongzhi.consultation.workflow import ADVICE, HEARING, STUDY
from gongzhi.core.search import search
from gongzhi.results.queries import results_from, visible_results
from gongzhi.results.workflow import TransitionNotAllowed, Workflow

PAGE_SIZE = 20


@dataclass(frozen=True)
class Step:
    """One action offered on a detail page: its form, who may take it, and what it runs."""

    form: Callable[..., object]
    allowed: Callable
    run: Callable[[object, object, dict], object]


def _offered(
    request: HttpRequest,
    obj,
    workflow: Workflow,
    steps: dict[str, Step],
    url_name: str,
    bound: tuple[str, object] | None = None,
) -> list:
    """(name, label, form, url) for each step this user may take on `obj` now.

    The forms are empty, except `bound`: a step's form that came back with
    errors, shown again with what the user typed.
    """
    return [
        (
            name,
            workflow[name].label,
            bound[1] if bound and bound[0] == name else steps[name].form(obj, prefix=name),
            reverse(url_name, args=[obj.pk, name]),
        )
        for name in workflow.allowed_from(obj.status)
        if name in steps and steps[name].allowed(request.user, obj)
    ]


def _perform(
    request: HttpRequest,
    obj,
    name: str,
    workflow: Workflow,
    steps: dict[str, Step],
    detail: Callable[..., HttpResponse],
) -> HttpResponse:
    """Validate the posted form of step `name`, run it, and go back to the object's page.

    A form with errors is shown again on the object's page (`detail`), with
    the errors beside their fields and nothing the user typed lost.
    """
    if name not in steps:
        raise Http404
    form = steps[name].form(obj, request.POST, request.FILES, prefix=name)
    if not form.is_valid():
        messages.error(request, _("提交未成功，请按提示修改后再提交。"))
        return detail(request, obj.pk, bound=(name, form))
    try:
        steps[name].run(obj, request.user, form.cleaned_data)
    except TransitionNotAllowed:
        messages.error(request, _("当前状态下不能执行该操作。"))
    except PermissionDenied:
        messages.error(request, _("您没有权限执行该操作。"))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("已完成：%(action)s") % {"action": workflow[name].label})
    return redirect(obj)


def _plain(form_class):
    return lambda obj, *args, **kwargs: form_class(*args, **kwargs)


def _for_hearing(form_class):
    return lambda hearing, *args, **kwargs: form_class(*args, hearing=hearing, **kwargs)


# Topics ------------------------------------------------------------------------


def topic_list(request: HttpRequest) -> HttpResponse:
    """Public: the topic lists, newest year first, with filters and Chinese search."""
    topics = queries.visible_topics(request.user)
    form = forms.TopicFilterForm(request.GET or None)
    if form.is_valid():
        data = form.cleaned_data
        if data.get("year"):
            topics = topics.filter(topic_list__year=data["year"])
        if data.get("field"):
            topics = topics.filter(field=data["field"])
        if data.get("status"):
            topics = topics.filter(status=data["status"])
        if data.get("q"):
            topics = search(topics, data["q"])
    page = Paginator(topics, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "can_create": rules.can_create_topic(request.user)}
    if request.htmx:
        return render(request, "consultation/_topic_results.html", context)
    return render(request, "consultation/topic_list.html", context)


def _topic_or_404(request: HttpRequest, pk: int) -> Topic:
    # An internal topic is answered with 404, not 403, so nobody learns it exists.
    return get_object_or_404(queries.visible_topics(request.user), pk=pk)


def topic_detail(request: HttpRequest, pk: int, bound=None) -> HttpResponse:
    topic = _topic_or_404(request, pk)
    bound = bound or {}
    user = request.user
    manage = rules.can_manage_topic(user, topic)
    context = {
        "topic": topic,
        "hearings": queries.hearings_of(topic, user),
        "studies": queries.studies_of(topic, user),
        "results": results_from(topic) & visible_results(user),
        "advice": topic.advice.select_related("author__user").first(),
        "can_manage": manage,
        "hearing_form": bound.get("hearing") or forms.HearingForm(prefix="hearing")
        if manage
        else None,
        "study_form": bound.get("study") or forms.StudyForm(prefix="study") if manage else None,
        "suggestions": suggest_experts(topic) if manage else [],
        "conflict_form": forms.ConflictForm() if rules.is_expert(user) else None,
        "timeline": topic.events.select_related("actor", "hearing", "study", "advice", "topic"),
    }
    return render(request, "consultation/topic_detail.html", context)


@login_required
def topic_create(request: HttpRequest) -> HttpResponse:
    if not rules.can_create_topic(request.user):
        raise PermissionDenied
    form = forms.TopicForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        topic = actions.create_topic(actor=request.user, **form.cleaned_data)
        messages.success(request, _("课题已列入清单。"))
        return redirect(topic)
    return render(request, "consultation/topic_form.html", {"form": form})


def _post_form(request: HttpRequest, form):
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return None
    return form.cleaned_data


@login_required
@require_POST
def topic_start(request: HttpRequest, pk: int, way: str) -> HttpResponse:
    """Start a hearing or commission a study on a topic."""
    topic = _topic_or_404(request, pk)
    if way not in ("hearing", "study"):
        raise Http404
    form_class = forms.HearingForm if way == "hearing" else forms.StudyForm
    form = form_class(request.POST, prefix=way)
    if not form.is_valid():
        # Back to the topic page with the errors beside their fields and the input kept.
        messages.error(request, _("提交未成功，请按提示修改后再提交。"))
        return topic_detail(request, topic.pk, bound={way: form})
    data = dict(form.cleaned_data)
    for key in ("opinions_due", "plan_due", "interim_due", "final_due"):
        if key in data:
            data[key] = forms.end_of_day(data[key])
    start = actions.start_hearing if way == "hearing" else actions.commission_study
    try:
        started = start(topic, actor=request.user, **data)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(topic)
    return redirect(started)


@login_required
@require_POST
def topic_conflict(request: HttpRequest, pk: int) -> HttpResponse:
    topic = _topic_or_404(request, pk)
    data = _post_form(request, forms.ConflictForm(request.POST))
    if data is not None:
        actions.declare_conflict(topic, actor=request.user, note=data["note"])
        messages.success(request, _("已申报利益冲突，您将不会被推荐参与该课题。"))
    return redirect(topic)


# Hearings ------------------------------------------------------------------------

HEARING_STEPS = {
    "invite": Step(
        _for_hearing(forms.InviteForm),
        rules.can_manage_hearing,
        lambda h, u, d: actions.invite(h, actor=u, experts=d["experts"]),
    ),
    "opinion": Step(
        _plain(forms.OpinionForm),
        rules.can_give_opinion,
        lambda h, u, d: actions.give_opinion(h, actor=u, body=d["body"]),
    ),
    "close": Step(
        _for_hearing(forms.CloseHearingForm),
        rules.can_manage_hearing,
        lambda h, u, d: actions.close_hearing(
            h, actor=u, minutes=d.get("minutes", ""), attended=[m.pk for m in d.get("attended", [])]
        ),
    ),
    "summarize": Step(
        _plain(forms.SummaryForm),
        rules.can_manage_hearing,
        lambda h, u, d: actions.summarize_hearing(h, actor=u, **d),
    ),
}


def _hearing_or_404(request: HttpRequest, pk: int) -> Hearing:
    hearing = get_object_or_404(
        Hearing.objects.select_related("topic__field", "topic__department", "result"), pk=pk
    )
    if not rules.can_view_hearing(request.user, hearing):
        raise Http404
    return hearing


def hearing_detail(request: HttpRequest, pk: int, bound=None) -> HttpResponse:
    hearing = _hearing_or_404(request, pk)
    context = {
        "hearing": hearing,
        "topic": hearing.topic,
        "invitations": hearing.invitations.select_related("member__user"),
        "opinions": hearing.opinions.select_related("member__user"),
        "action_forms": _offered(
            request, hearing, HEARING, HEARING_STEPS, "consultation:hearing_act", bound
        ),
        "timeline": hearing.timeline.select_related("actor", "hearing"),
        "overdue": hearing.status == Hearing.Status.OPEN and hearing.opinions_due < timezone.now(),
    }
    return render(request, "consultation/hearing_detail.html", context)


@login_required
@require_POST
def hearing_act(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    hearing = _hearing_or_404(request, pk)
    return _perform(request, hearing, name, HEARING, HEARING_STEPS, hearing_detail)


# Studies ---------------------------------------------------------------------------

STUDY_STEPS = {
    kind: Step(
        _plain(forms.DeliverForm),
        rules.can_deliver,
        lambda s, u, d, kind=kind: actions.deliver(s, actor=u, kind=kind, **d),
    )
    for kind in Milestone.Kind.values
}
STUDY_STEPS["return"] = Step(
    _plain(forms.ReturnStudyForm),
    rules.can_review_study,
    lambda s, u, d: actions.return_study(s, actor=u, note=d["note"]),
)
STUDY_STEPS["accept"] = Step(
    _plain(forms.AcceptStudyForm),
    rules.can_review_study,
    lambda s, u, d: actions.accept_study(s, actor=u, **d),
)


def _study_or_404(request: HttpRequest, pk: int) -> Study:
    study = get_object_or_404(
        Study.objects.select_related("topic__field", "topic__department", "result"), pk=pk
    )
    if not rules.can_view_study(request.user, study):
        raise Http404
    return study


def study_detail(request: HttpRequest, pk: int, bound=None) -> HttpResponse:
    study = _study_or_404(request, pk)
    context = {
        "study": study,
        "topic": study.topic,
        "experts": study.experts.select_related("user"),
        "milestones": study.milestones.all(),
        "action_forms": _offered(
            request, study, STUDY, STUDY_STEPS, "consultation:study_act", bound
        ),
        "timeline": study.timeline.select_related("actor", "study"),
        "overdue": bool(study.current_due and study.current_due < timezone.now()),
    }
    return render(request, "consultation/study_detail.html", context)


@login_required
@require_POST
def study_act(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    study = _study_or_404(request, pk)
    return _perform(request, study, name, STUDY, STUDY_STEPS, study_detail)


def milestone_document(request: HttpRequest, pk: int, milestone_id: int) -> FileResponse:
    """Serve a study's document only to those who may see the study."""
    study = _study_or_404(request, pk)
    milestone = get_object_or_404(Milestone, pk=milestone_id, study=study)
    return FileResponse(
        milestone.document.open("rb"),
        as_attachment=True,
        filename=milestone.document.name.rsplit("/", 1)[-1],
    )


# Advice ------------------------------------------------------------------------------

ADVICE_STEPS = {
    "take_in": Step(
        _plain(forms.TakeInForm),
        rules.can_review_advice,
        lambda a, u, d: actions.take_in_advice(a, actor=u, **d),
    ),
    "decline": Step(
        _plain(forms.DeclineAdviceForm),
        rules.can_review_advice,
        lambda a, u, d: actions.decline_advice(a, actor=u, reason=d["reason"]),
    ),
}


@login_required
def advice_list(request: HttpRequest) -> HttpResponse:
    """The expert's own advice, hearings and studies; for staff, the advice they review."""
    user = request.user
    context = {
        "reviewing": queries.reviewable_advice(user),
        "mine": queries.my_advice(user),
        "hearings": queries.my_hearings(user),
        "studies": queries.my_studies(user),
        "can_advise": rules.can_give_advice(user),
    }
    return render(request, "consultation/advice_list.html", context)


@login_required
def advice_create(request: HttpRequest) -> HttpResponse:
    if not rules.can_give_advice(request.user):
        raise PermissionDenied
    form = forms.AdviceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        advice = actions.give_advice(actor=request.user, **form.cleaned_data)
        messages.success(request, _("献策已提交，承办部门会在规定时限内审核。"))
        return redirect(advice)
    return render(request, "consultation/advice_form.html", {"form": form})


def _advice_or_404(request: HttpRequest, pk: int) -> Advice:
    return get_object_or_404(queries.visible_advice(request.user), pk=pk)


@login_required
def advice_detail(request: HttpRequest, pk: int, bound=None) -> HttpResponse:
    advice = _advice_or_404(request, pk)
    context = {
        "advice": advice,
        "action_forms": _offered(
            request, advice, ADVICE, ADVICE_STEPS, "consultation:advice_act", bound
        ),
        "timeline": advice.timeline.select_related("actor", "advice"),
    }
    return render(request, "consultation/advice_detail.html", context)


@login_required
@require_POST
def advice_act(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    advice = _advice_or_404(request, pk)
    return _perform(request, advice, name, ADVICE, ADVICE_STEPS, advice_detail)
