"""A survey's results and exports, computed from the answer sheets.

Nothing here reads `Receipt`: who answered is kept apart from what was
answered. In an anonymous survey the export has no respondent column and the
sheets are ordered by day and random key, so neither names nor order say who
wrote what. Free text passes through `redact` on its way out.
"""

import csv
import io
from dataclasses import dataclass, field

from django.db.models import Avg, Count
from django.utils.translation import gettext as _
from openpyxl import Workbook

from gongzhi.core.privacy import redact
from gongzhi.participation import svg
from gongzhi.participation.models import Answer, Question, Survey


@dataclass
class Bar:
    label: str
    count: int
    percent: int


@dataclass
class QuestionResult:
    question: Question
    answered: int
    bars: list[Bar] = field(default_factory=list)
    average: float | None = None
    texts: list[str] = field(default_factory=list)


def results(survey: Survey) -> list[QuestionResult]:
    """Counts per option, the distribution and mean of scales, and the free texts."""
    questions = list(survey.questions.prefetch_related("choices"))
    answered = dict(
        Answer.objects.filter(question__survey=survey)
        .values_list("question_id")
        .annotate(n=Count("response_id", distinct=True))
    )
    picked = dict(
        Answer.objects.filter(question__survey=survey, choice__isnull=False)
        .values_list("choice_id")
        .annotate(n=Count("id"))
    )
    scales = {
        (q, n): c
        for q, n, c in Answer.objects.filter(question__survey=survey, number__isnull=False)
        .values_list("question_id", "number")
        .annotate(c=Count("id"))
    }
    out = []
    for q in questions:
        total = answered.get(q.pk, 0)
        result = QuestionResult(q, total)
        if q.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            result.bars = [
                Bar(c.text, picked.get(c.pk, 0), svg.percent(picked.get(c.pk, 0), total))
                for c in q.choices.all()
            ]
        elif q.kind == Question.Kind.SCALE:
            counts = [scales.get((q.pk, n), 0) for n in range(1, q.scale_max + 1)]
            result.bars = [
                Bar(str(n), c, svg.percent(c, total)) for n, c in enumerate(counts, start=1)
            ]
            result.average = q.answers.aggregate(a=Avg("number"))["a"]
        else:
            result.texts = [
                redact(t) for t in q.answers.exclude(text="").values_list("text", flat=True)[:200]
            ]
        out.append(result)
    return out


def table(survey: Survey) -> tuple[list[str], list[list]]:
    """The export: a header and one row per answer sheet."""
    questions = list(survey.questions.prefetch_related("choices"))
    header = [_("答卷编号"), _("作答日期")]
    if not survey.is_anonymous:
        header.append(_("答卷人"))
    header += [q.text for q in questions]
    sheets = survey.responses.order_by("answered_on", "id").prefetch_related("answers__choice")
    if not survey.is_anonymous:
        sheets = sheets.select_related("respondent")
    rows = []
    for number, sheet in enumerate(sheets, start=1):
        by_question: dict[int, list[str]] = {}
        for a in sheet.answers.all():
            value = (
                a.choice.text
                if a.choice_id
                else (str(a.number) if a.number is not None else redact(a.text))
            )
            by_question.setdefault(a.question_id, []).append(value)
        row = [number, sheet.answered_on.isoformat()]
        if not survey.is_anonymous:
            row.append(sheet.respondent.public_name if sheet.respondent else "")
        row += ["；".join(by_question.get(q.pk, [])) for q in questions]
        rows.append(row)
    return header, rows


def _safe(value):
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def as_csv(survey: Survey) -> bytes:
    header, rows = table(survey)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([[_safe(v) for v in row] for row in rows])
    # The byte-order mark lets spreadsheet programs read the Chinese correctly.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(survey: Survey) -> bytes:
    header, rows = table(survey)
    book = Workbook()
    sheet = book.active
    sheet.title = _("答卷")
    sheet.append(header)
    for row in rows:
        sheet.append([_safe(v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
