"""Surveys: audience, one response per person, anonymity in results and exports, closing."""

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from openpyxl import load_workbook

from gongzhi.participation import survey_results
from gongzhi.participation.actions import survey as actions
from gongzhi.participation.models import Receipt, Response, Survey

from tests import factories
from tests.factories_participation import space_member, three_question_survey

pytestmark = pytest.mark.django_db


def answers_for(
    survey, *, single=0, multiple=(0, 2), scale=4, text="希望尽快施工，电话13800138000"
):
    questions = list(survey.questions.prefetch_related("choices"))
    choices = [list(q.choices.all()) for q in questions]
    return {
        questions[0].pk: choices[0][single].pk,
        questions[1].pk: [choices[1][i].pk for i in multiple],
        questions[2].pk: scale,
        questions[3].pk: text,
    }


def test_a_resident_answers_once_and_the_second_try_is_refused(community_staff, resident):
    survey = three_question_survey(community_staff)

    actions.respond(survey, actor=resident, answers=answers_for(survey))

    with pytest.raises(ValidationError):
        actions.respond(survey, actor=resident, answers=answers_for(survey))
    assert Response.objects.filter(survey=survey).count() == 1
    survey.refresh_from_db()
    assert survey.response_count == 1


def test_the_database_itself_refuses_a_second_receipt(community_staff, resident):
    survey = three_question_survey(community_staff)
    actions.respond(survey, actor=resident, answers=answers_for(survey))

    with pytest.raises(IntegrityError), transaction.atomic():
        Receipt.objects.create(survey=survey, user=resident, answered_on="2025-01-01")


def test_an_anonymous_sheet_keeps_no_link_to_its_author(community_staff, resident, other_resident):
    survey = three_question_survey(community_staff, is_anonymous=True)

    actions.respond(survey, actor=resident, answers=answers_for(survey))
    actions.respond(survey, actor=other_resident, answers=answers_for(survey, single=1))

    assert not Response.objects.filter(survey=survey, respondent__isnull=False).exists()
    header, rows = survey_results.table(survey)
    exported = survey_results.as_csv(survey).decode("utf-8-sig") + str(rows)
    assert "答卷人" not in header
    for name in (resident.public_name, other_resident.public_name, resident.username):
        assert name not in exported


def test_a_named_survey_exports_who_answered(community_staff, resident):
    survey = three_question_survey(community_staff)
    actions.respond(survey, actor=resident, answers=answers_for(survey))

    header, rows = survey_results.table(survey)

    assert header[2] == "答卷人" and rows[0][2] == resident.public_name


def test_results_count_options_average_scales_and_mask_phone_numbers(
    community_staff, resident, other_resident
):
    survey = three_question_survey(community_staff)
    actions.respond(survey, actor=resident, answers=answers_for(survey, scale=4))
    actions.respond(
        survey, actor=other_resident, answers=answers_for(survey, single=1, multiple=(2,), scale=2)
    )

    single, multiple, scale, text = survey_results.results(survey)

    assert [(b.label, b.count, b.percent) for b in single.bars] == [
        ("支持", 1, 50),
        ("反对", 1, 50),
        ("无所谓", 0, 0),
    ]
    assert [b.count for b in multiple.bars] == [1, 0, 2]
    assert scale.average == 3 and [b.count for b in scale.bars] == [0, 1, 0, 1, 0]
    assert text.texts and all("13800138000" not in t for t in text.texts)


def test_exports_open_as_csv_and_xlsx_with_one_row_per_sheet(community_staff, resident):
    survey = three_question_survey(community_staff)
    actions.respond(survey, actor=resident, answers=answers_for(survey, text="=HYPERLINK(1)"))

    rows = list(csv.reader(io.StringIO(survey_results.as_csv(survey).decode("utf-8-sig"))))
    book = load_workbook(io.BytesIO(survey_results.as_xlsx(survey)))

    assert len(rows) == 2 and rows[1][-1] == "'=HYPERLINK(1)"
    assert book.active.max_row == 2 and book.active.cell(1, 4).value == "您是否支持加装电梯？"


def test_a_required_question_must_be_answered_and_options_must_belong_to_it(
    community_staff, resident
):
    survey = three_question_survey(community_staff)
    answers = answers_for(survey)
    first = next(iter(answers))

    with pytest.raises(ValidationError):
        actions.respond(survey, actor=resident, answers={**answers, first: None})
    with pytest.raises(ValidationError):
        actions.respond(survey, actor=resident, answers={**answers, first: 999999})
    assert not Receipt.objects.filter(survey=survey).exists()


def test_a_community_survey_is_answered_only_by_its_residents(
    community_staff, community_a, resident, other_resident
):
    survey = three_question_survey(
        community_staff, audience=Survey.Audience.COMMUNITY, community=community_a
    )

    actions.respond(survey, actor=resident, answers=answers_for(survey))
    with pytest.raises(PermissionDenied):
        actions.respond(survey, actor=other_resident, answers=answers_for(survey))


def test_a_field_survey_is_answered_only_by_that_fields_members(community_staff, resident):
    member = space_member("member", "livable-homes")
    survey = three_question_survey(
        community_staff, audience=Survey.Audience.FIELD, field=factories.field("livable-homes")
    )

    actions.respond(survey, actor=member, answers=answers_for(survey))
    with pytest.raises(PermissionDenied):
        actions.respond(survey, actor=resident, answers=answers_for(survey))


def test_drafts_and_closed_surveys_take_no_answers(community_staff, resident):
    questions = [{"kind": "text", "text": "意见"}]
    draft = actions.create_survey(actor=community_staff, title="草稿", questions=questions)
    closed = actions.close(three_question_survey(community_staff), actor=community_staff)

    for survey in (draft, closed):
        with pytest.raises(PermissionDenied):
            actions.respond(survey, actor=resident, answers={})


def test_residents_cannot_draw_up_surveys_but_space_members_can(resident):
    member = space_member("member", "livable-homes")
    from gongzhi.participation.models import FieldSpace

    space = FieldSpace.objects.get(field__code="livable-homes")
    questions = [{"kind": "text", "text": "意见"}]

    with pytest.raises(PermissionDenied):
        actions.create_survey(actor=resident, title="问卷", questions=questions, space=space)
    assert (
        actions.create_survey(actor=member, title="问卷", questions=questions, space=space).space
        == space
    )


def test_only_its_organiser_publishes_or_closes_a_survey(community_staff, resident):
    survey = three_question_survey(community_staff)

    with pytest.raises(PermissionDenied):
        actions.close(survey, actor=resident)
