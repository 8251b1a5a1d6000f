"""Surveys: drawing one up, publishing it, answering it once, closing it."""

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.notices.actions import notify_after_commit
from gongzhi.participation import rules
from gongzhi.participation.actions.common import locked, logger, move, require
from gongzhi.participation.models import (
    Answer,
    Choice,
    Event,
    FieldSpace,
    Question,
    Receipt,
    Response,
    Survey,
)
from gongzhi.participation.workflow import SURVEY
from gongzhi.people.models import User
from gongzhi.places.models import Field, Place

MAX_TEXT_ANSWER = 1000


def _check_audience(audience: str, community: Place | None, field: Field | None) -> None:
    if audience not in Survey.Audience.values:
        raise ValidationError({"audience": _("请选择调查对象。")})
    if audience == Survey.Audience.COMMUNITY and community is None:
        raise ValidationError({"community": _("请选择社区。")})
    if audience == Survey.Audience.FIELD and field is None:
        raise ValidationError({"field": _("请选择领域。")})


def _add_questions(survey: Survey, questions: Iterable[Mapping]) -> None:
    for position, spec in enumerate(questions, start=1):
        kind, text = spec["kind"], spec["text"].strip()
        if kind not in Question.Kind.values or not text:
            raise ValidationError({"questions": _("第%(n)s题不完整。") % {"n": position}})
        options = [o.strip() for o in spec.get("choices", []) if o.strip()]
        if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE) and len(options) < 2:
            raise ValidationError({"questions": _("第%(n)s题至少需要两个选项。") % {"n": position}})
        question = Question.objects.create(
            survey=survey,
            position=position,
            kind=kind,
            text=text,
            is_required=spec.get("required", True),
            scale_max=spec.get("scale_max", 5),
        )
        Choice.objects.bulk_create(
            [Choice(question=question, position=i, text=o) for i, o in enumerate(options, start=1)]
        )


@transaction.atomic
def create_survey(
    *,
    actor: User,
    title: str,
    questions: Iterable[Mapping],
    intro: str = "",
    audience: str = Survey.Audience.EVERYONE,
    community: Place | None = None,
    field: Field | None = None,
    space: FieldSpace | None = None,
    is_anonymous: bool = False,
    closes_at=None,
) -> Survey:
    """Draw up a survey as a draft; `questions` are dicts of kind, text, choices, required, scale_max."""
    require(rules.can_create_survey(actor, space))
    _check_audience(audience, community, field)
    if not title.strip():
        raise ValidationError({"title": _("请填写标题。")})
    survey = Survey.objects.create(
        title=title.strip(),
        intro=intro.strip(),
        audience=audience,
        community=community if audience == Survey.Audience.COMMUNITY else None,
        field=field if audience == Survey.Audience.FIELD else None,
        space=space,
        is_anonymous=is_anonymous,
        created_by=actor,
        closes_at=closes_at,
    )
    _add_questions(survey, questions)
    if not survey.questions.exists():
        raise ValidationError({"questions": _("请至少添加一道题。")})
    logger.info("survey %s drawn up by user %s", survey.pk, actor.pk)
    return survey


@transaction.atomic
def publish(survey: Survey, *, actor: User) -> Survey:
    """Open a draft for answers; followers of its space are told."""
    survey = move(
        survey, SURVEY, "publish", actor, rules.can_manage_survey, action=Event.Action.PUBLISH
    )
    if survey.space_id:
        followers = survey.space.follows.values_list("user_id", flat=True)
        message = _("新的问卷调查：%(title)s") % {"title": survey.title}
        notify_after_commit(followers, "survey_published", message, survey.get_absolute_url())
    return survey


@transaction.atomic
def close(survey: Survey, *, actor: User) -> Survey:
    """Stop taking answers; the results become public."""

    def change(s: Survey) -> None:
        s.closed_at = timezone.now()

    return move(
        survey,
        SURVEY,
        "close",
        actor,
        rules.can_manage_survey,
        action=Event.Action.CLOSE,
        change=change,
    )


def _answers_for(question: Question, value, choices: dict[int, Choice]) -> list[Answer]:
    """Validate one answer and turn it into rows; an empty value answers nothing."""
    empty = value in (None, "", [], ())
    if empty:
        if question.is_required:
            raise ValidationError({f"q{question.pk}": _("请回答：%(q)s") % {"q": question.text}})
        return []
    if question.kind == Question.Kind.TEXT:
        text = str(value).strip()[:MAX_TEXT_ANSWER]
        return [Answer(question=question, text=text)] if text else []
    if question.kind == Question.Kind.SCALE:
        number = int(value)
        if not 1 <= number <= question.scale_max:
            raise ValidationError({f"q{question.pk}": _("分值超出范围。")})
        return [Answer(question=question, number=number)]
    picked = [int(v) for v in (value if isinstance(value, list | tuple) else [value])]
    if len(set(picked)) != len(picked) or any(
        choices.get(p) is None or choices[p].question_id != question.pk for p in picked
    ):
        raise ValidationError({f"q{question.pk}": _("选项无效。")})
    if question.kind == Question.Kind.SINGLE and len(picked) != 1:
        raise ValidationError({f"q{question.pk}": _("该题只能选一项。")})
    return [Answer(question=question, choice=choices[p]) for p in picked]


@transaction.atomic
def respond(survey: Survey, *, actor: User, answers: Mapping[int, object]) -> Response:
    """Answer a survey once. In an anonymous survey the sheet keeps no link to its author.

    `answers` maps question ids to a choice id, a list of choice ids, a
    number or a text. A second answer from the same person is refused by the
    database (one receipt per person and survey), not only by this check.
    """
    # The lock orders this answer against the closing of the survey.
    survey = locked(survey)
    require(rules.can_respond(actor, survey))
    questions = list(survey.questions.all())
    choices = {c.pk: c for c in Choice.objects.filter(question__survey=survey)}
    rows = [row for q in questions for row in _answers_for(q, answers.get(q.pk), choices)]
    today = timezone.localdate()
    try:
        with transaction.atomic():
            Receipt.objects.create(survey=survey, user=actor, answered_on=today)
    except IntegrityError:
        raise ValidationError({"survey": _("您已参加过本次调查。")}) from None
    response = Response.objects.create(
        survey=survey, respondent=None if survey.is_anonymous else actor, answered_on=today
    )
    for row in rows:
        row.response = response
    Answer.objects.bulk_create(rows)
    Survey.objects.filter(pk=survey.pk).update(response_count=F("response_count") + 1)
    return response
