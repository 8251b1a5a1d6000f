"""The participation pages: who sees what, 404 for what one may not see, no inline code, no hidden text."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from gongzhi.needs.models import Status
from gongzhi.participation.actions import budget, survey, talkday
from gongzhi.participation.actions import deliberation as deliberations
from gongzhi.participation.actions import grid as grid_actions
from gongzhi.participation.actions import help as help_actions
from gongzhi.participation.actions import opinion as opinions
from gongzhi.participation.models import MicroProject

from tests import factories
from tests.factories_participation import (
    MicroProjectFactory,
    budget_round_with,
    grid_member,
    open_on,
    three_question_survey,
    verified,
)

pytestmark = pytest.mark.django_db

INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\sstyle=|\son[a-z]+=", re.I)


@pytest.fixture
def world(need_at, community_staff, community_a, grid_a, resident):
    """One of everything, made through the actions."""
    deliberation = open_on(need_at(Status.ACCEPTED), community_staff)
    crowd = [factories.UserFactory() for _ in range(8)]
    statements = [
        opinions.add_statement(deliberation, actor=crowd[0], text=f"第{n}条观点：加装电梯很必要")
        for n in range(4)
    ]
    for i, person in enumerate(crowd):
        for j, statement in enumerate(statements):
            opinions.cast(statement, actor=person, value=1 if (i < 4) == (j < 2) else -1)
    deliberations.comment(deliberation, actor=resident, body="支持加装，费用按楼层分摊", side="for")
    opened = three_question_survey(community_staff)
    starts = timezone.now() + dt.timedelta(days=2)
    meeting = talkday.schedule(
        actor=community_staff,
        community=community_a,
        topic="停车恳谈会",
        venue="会议室",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        capacity=20,
    )
    budget_round = budget_round_with(community_staff, community_a, [30_000, 20_000], cap=40_000)
    project = budget_round.projects.first()
    post = help_actions.post(
        actor=resident, direction="request", kind="errands", title="帮忙代买药品"
    )
    member = grid_member("gridder", grid_a)
    dispute = grid_actions.report_dispute(
        actor=member, grid=grid_a, title="噪音纠纷", summary="楼上夜间噪音"
    )
    return {
        "deliberation": deliberation,
        "survey": opened,
        "talk_day": meeting,
        "round": budget_round,
        "project": project,
        "post": post,
        "member": member,
        "dispute": dispute,
    }


def public_urls(w) -> list[str]:
    return [
        reverse("participation:index"),
        reverse("participation:space_detail", args=["livable-homes"]),
        reverse("participation:deliberation_list"),
        w["deliberation"].get_absolute_url(),
        reverse("participation:deliberation_map", args=[w["deliberation"].pk]),
        reverse("participation:survey_list"),
        w["survey"].get_absolute_url(),
        reverse("participation:talkday_list"),
        w["talk_day"].get_absolute_url(),
        reverse("participation:project_list"),
        w["project"].get_absolute_url(),
        reverse("participation:round_list"),
        w["round"].get_absolute_url(),
        reverse("participation:help_list"),
        w["post"].get_absolute_url(),
    ]


@pytest.mark.parametrize("who", ["anonymous", "resident", "community_staff"])
def test_every_public_page_renders_for_each_role_without_inline_code(client, world, who, request):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))

    for url in public_urls(world):
        response = client.get(url)

        html = response.content.decode()
        ids = re.findall(r'\sid="([^"]+)"', html)
        assert response.status_code == 200, url
        assert not INLINE.search(html), url
        assert len(ids) == len(set(ids)), url  # each label points at its own field


def test_the_deliberation_page_draws_the_opinion_map_as_svg(client, world, resident):
    client.force_login(resident)

    html = client.get(world["deliberation"].get_absolute_url()).content.decode()

    assert "<svg" in html and 'class="group-0"' in html and 'class="group-1"' in html
    assert "主要分歧" in html


def test_a_hidden_comment_is_nowhere_on_the_page_or_in_search(
    client, world, community_staff, resident
):
    deliberation = world["deliberation"]
    remark = deliberations.comment(
        deliberation, actor=resident, body="隔壁那家人都是骗子", side="against"
    )
    deliberations.hide_comment(remark, actor=community_staff, reason="人身攻击")

    for viewer in (resident, community_staff):
        client.force_login(viewer)
        page = client.get(deliberation.get_absolute_url()).content.decode()
        found = client.get(
            reverse("participation:deliberation_list"), {"q": "骗子"}
        ).content.decode()
        assert "骗子" not in page
        assert 'class="need-card"' not in found


def test_a_vote_through_htmx_returns_the_next_statement_and_asks_the_map_to_redraw(
    client, world, other_resident
):
    deliberation = world["deliberation"]
    statement = deliberation.statements.first()
    client.force_login(other_resident)

    response = client.post(
        reverse("participation:statement_vote", args=[deliberation.pk, statement.pk]),
        {"value": "1"},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200 and response["HX-Trigger"] == "voted"
    assert 'id="vote-card"' in response.content.decode()
    # The confirmation is shown with the card, not saved up for the next page.
    assert "已表态。" in response.content.decode()
    assert "已表态。" not in client.get(deliberation.get_absolute_url()).content.decode()


def test_a_deliberation_on_a_need_made_private_answers_404(client, world, other_resident):
    need = world["deliberation"].need
    type(need).objects.filter(pk=need.pk).update(is_public=False)
    client.force_login(other_resident)

    assert client.get(world["deliberation"].get_absolute_url()).status_code == 404


def test_a_draft_survey_answers_404_to_residents_and_200_to_its_author(
    client, community_staff, resident
):
    draft = survey.create_survey(
        actor=community_staff, title="草稿问卷", questions=[{"kind": "text", "text": "意见"}]
    )

    client.force_login(resident)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(community_staff)
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_results_of_an_open_survey_are_for_its_organisers_and_exports_too(
    client, world, community_staff, resident
):
    opened = world["survey"]
    results = reverse("participation:survey_results", args=[opened.pk])
    export = reverse("participation:survey_export", args=[opened.pk, "xlsx"])

    client.force_login(resident)
    assert client.get(results).status_code == 404
    client.force_login(community_staff)
    assert client.get(results).status_code == 200
    assert client.get(export)["Content-Type"].startswith("application/vnd.openxml")


def test_a_resident_answers_a_survey_through_the_page_once(client, world, resident):
    opened = world["survey"]
    questions = list(opened.questions.prefetch_related("choices"))
    data = {
        f"q{questions[0].pk}": questions[0].choices.first().pk,
        f"q{questions[1].pk}": [c.pk for c in questions[1].choices.all()[:2]],
        f"q{questions[2].pk}": 5,
        f"q{questions[3].pk}": "希望尽快施工",
    }
    client.force_login(resident)

    client.post(opened.get_absolute_url(), data)
    again = client.get(opened.get_absolute_url()).content.decode()

    opened.refresh_from_db()
    assert opened.response_count == 1
    assert "您已参加过本次调查" in again


def test_a_ballot_through_the_page_and_one_over_the_cap_refused(client, world, community_a):
    budget_round = world["round"]
    big, small = budget_round.projects.order_by("-estimated_cost")
    voter = verified("voter", community_a)
    client.force_login(voter)
    url = reverse("participation:round_ballot", args=[budget_round.pk])

    client.post(url, {"projects": [big.pk, small.pk]})
    client.post(url, {"projects": [small.pk]})

    ballot = budget_round.ballots.get()
    assert list(ballot.choices.values_list("project_id", flat=True)) == [small.pk]


def test_residents_cannot_review_or_run_a_round_by_url(client, world, resident):
    client.force_login(resident)
    project = MicroProjectFactory(community=world["round"].community)

    review = client.post(
        reverse("participation:project_act", args=[project.pk, "review"]),
        {"review-feasible": "yes", "review-reviewed_cost": 1},
    )
    close = client.post(reverse("participation:round_act", args=[world["round"].pk, "close"]))

    assert review.status_code == close.status_code == 403
    project.refresh_from_db()
    assert project.status == MicroProject.Status.PROPOSED


def test_grid_pages_are_for_grid_members_and_disputes_404_to_others(client, world, resident):
    client.force_login(world["member"])
    assert client.get(reverse("participation:grid_home")).status_code == 200
    page = client.get(world["dispute"].get_absolute_url()).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids))

    client.force_login(resident)
    assert client.get(reverse("participation:grid_home")).status_code == 403
    assert client.get(world["dispute"].get_absolute_url()).status_code == 404


def test_the_home_page_shows_the_micro_project_figure(client, world, community_staff):
    budget.close_voting(world["round"], actor=community_staff)

    html = client.get(reverse("dashboard:home")).content.decode()

    assert 'data-figure="micro-projects"' in html


def test_list_pages_keep_their_query_count_flat(client, world, django_assert_max_num_queries):
    for _ in range(5):
        MicroProjectFactory(community=world["round"].community)

    with django_assert_max_num_queries(12):
        client.get(reverse("participation:project_list"))
    with django_assert_max_num_queries(12):
        client.get(reverse("participation:deliberation_list"))


@pytest.mark.parametrize(
    ("page", "create"),
    [
        ("participation:round_list", "participation:round_create"),
        ("participation:survey_list", "participation:survey_create"),
        ("participation:talkday_list", "participation:talkday_create"),
        ("participation:deliberation_list", "participation:deliberation_create"),
    ],
)
def test_lists_offer_a_create_link_only_to_those_allowed_to_create(
    client, department_staff, community_staff, page, create
):
    client.force_login(department_staff)
    refused = client.get(reverse(page)).content.decode()
    denied = client.get(reverse(create)).status_code
    client.force_login(community_staff)
    offered = client.get(reverse(page)).content.decode()

    assert reverse(create) not in refused and denied == 403
    assert reverse(create) in offered


def test_a_resident_is_refused_the_deliberation_form_before_filling_it_in(
    client, need_at, resident
):
    need = need_at(Status.SUBMITTED)
    client.force_login(resident)

    response = client.get(reverse("participation:deliberation_create") + f"?need={need.pk}")

    assert response.status_code == 403


def test_a_reply_to_an_unknown_remark_is_refused_not_posted_at_the_top(client, world, resident):
    deliberation = world["deliberation"]
    before = deliberation.comments.count()
    client.force_login(resident)

    response = client.post(
        reverse("participation:deliberation_comment", args=[deliberation.pk]),
        {"body": "我同意楼上的意见，应该尽快处理。", "side": "for", "parent": 99999},
        follow=True,
    )

    assert deliberation.comments.count() == before
    assert "无法回复该发言。" in response.content.decode()


@pytest.mark.parametrize("value", ["abc", "5", ""])
def test_a_vote_that_is_no_choice_is_answered_with_the_choices(
    client, world, other_resident, value
):
    deliberation = world["deliberation"]
    statement = deliberation.statements.first()
    client.force_login(other_resident)

    response = client.post(
        reverse("participation:statement_vote", args=[deliberation.pk, statement.pk]),
        {"value": value},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    assert "请选择同意、不同意或跳过。" in response.content.decode()
    assert not statement.votes.filter(user=other_resident).exists()
