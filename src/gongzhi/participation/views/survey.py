"""Pages of surveys: list, drawing one up, answering, results with charts, exports."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongzhi.participation import forms, queries, rules, survey_results
from gongzhi.participation.actions import survey as actions
from gongzhi.participation.models import FieldSpace, Receipt, Survey
from gongzhi.participation.views.common import form_errors, run


def survey_list(request: HttpRequest) -> HttpResponse:
    surveys = queries.visible_surveys(request.user).order_by("status", "-created_at")
    page = Paginator(surveys, 20).get_page(request.GET.get("page"))
    context = {"page": page, "can_create": rules.can_create_survey(request.user)}
    return render(request, "participation/survey_list.html", context)


@login_required
def survey_create(request: HttpRequest) -> HttpResponse:
    space = FieldSpace.objects.filter(field__code=request.GET.get("space", "")).first()
    if not rules.can_create_survey(request.user, space):
        raise PermissionDenied
    form = forms.SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = run(
            request,
            lambda: actions.create_survey(
                actor=request.user,
                title=data["title"],
                intro=data["intro"],
                questions=data["questions"],
                audience=data["audience"],
                community=data["community"],
                field=data["field"],
                space=space,
                is_anonymous=data["is_anonymous"],
            ),
            _("问卷已保存为草稿，检查无误后请发布。"),
        )
        if created:
            return redirect(created)
    return render(request, "participation/survey_form.html", {"form": form, "space": space})


def _visible_or_404(request: HttpRequest, pk: int) -> Survey:
    return get_object_or_404(queries.visible_surveys(request.user), pk=pk)


def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The questionnaire to answer, or the reason it cannot be answered."""
    survey = _visible_or_404(request, pk)
    user = request.user
    questions = list(survey.questions.prefetch_related("choices"))
    answered = user.is_authenticated and Receipt.objects.filter(survey=survey, user=user).exists()
    can_respond = not answered and rules.can_respond(user, survey)
    form_class = forms.answer_form(survey, questions)
    form = form_class(request.POST or None) if can_respond else None
    if request.method == "POST" and form is not None:
        if form.is_valid():
            answers = {q.pk: form.cleaned_data.get(f"q{q.pk}") for q in questions}
            if run(
                request,
                lambda: actions.respond(survey, actor=user, answers=answers),
                _("感谢参与！"),
            ):
                return redirect(survey)
        else:
            form_errors(request, form)
    context = {
        "survey": survey,
        "questions": questions,
        "form": form,
        "answered": answered,
        "in_audience": rules.is_in_audience(user, survey),
        "can_manage": rules.can_manage_survey(user, survey),
        "can_see_results": rules.can_see_results(user, survey),
    }
    return render(request, "participation/survey_detail.html", context)


@login_required
@require_POST
def survey_act(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    survey = _visible_or_404(request, pk)
    calls = {
        "publish": (actions.publish, _("问卷已发布。")),
        "close": (actions.close, _("问卷已结束征集，结果已公开。")),
    }
    if name not in calls:
        raise Http404
    action, done = calls[name]
    run(request, lambda: action(survey, actor=request.user), done)
    return redirect(survey)


def _results_or_404(request: HttpRequest, pk: int) -> Survey:
    survey = _visible_or_404(request, pk)
    if not rules.can_see_results(request.user, survey):
        raise Http404
    return survey


def survey_results_page(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _results_or_404(request, pk)
    context = {
        "survey": survey,
        "results": survey_results.results(survey),
        "can_manage": rules.can_manage_survey(request.user, survey),
    }
    return render(request, "participation/survey_results.html", context)


@login_required
def survey_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """CSV or XLSX of every answer sheet, for the survey's organisers."""
    survey = _results_or_404(request, pk)
    if not rules.can_manage_survey(request.user, survey):
        raise PermissionDenied
    if fmt == "csv":
        body, kind = survey_results.as_csv(survey), "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        body, kind = (
            survey_results.as_xlsx(survey),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}.{fmt}"'
    return response
