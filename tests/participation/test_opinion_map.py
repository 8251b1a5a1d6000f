"""The opinion map: grouping on a crafted vote matrix, consensus and division, staying in step with votes."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongzhi.needs.models import Status
from gongzhi.participation import opinion, svg
from gongzhi.participation.actions import deliberation as deliberation_actions
from gongzhi.participation.actions import opinion as actions
from gongzhi.participation.models import OpinionMap, Vote
from gongzhi.participation.opinion_math import compute

from tests import factories
from tests.factories_participation import open_on

# Statements 1-4 split the camps; 5 and 6 everyone agrees with.
CAMP_A = {1: 1, 2: 1, 3: -1, 4: -1, 5: 1, 6: 1}
CAMP_B = {1: -1, 2: -1, 3: 1, 4: 1, 5: 1, 6: 1}


def two_camps(size: int = 10) -> list[tuple[int, int, int]]:
    votes = []
    for person in range(1, 2 * size + 1):
        camp = CAMP_A if person <= size else CAMP_B
        votes += [(person, statement, value) for statement, value in camp.items()]
    # One dissenter per camp on a splitting statement keeps the data honest.
    votes[0] = (1, 1, 0)
    return votes


def test_two_obvious_camps_become_two_groups():
    groups = compute(two_camps())

    assert sorted(groups.group_sizes) == [10, 10]
    by_person = {person: group for person, _x, _y, group in groups.points}
    assert len({by_person[p] for p in range(1, 11)}) == 1
    assert len({by_person[p] for p in range(11, 21)}) == 1
    assert by_person[1] != by_person[11]


def test_statements_both_camps_agree_with_are_consensus_and_the_others_divisive():
    groups = compute(two_camps())

    assert set(groups.consensus) == {5, 6}
    assert set(groups.divisive) == {1, 2, 3, 4}


def test_each_group_is_represented_by_what_it_agrees_with_and_the_other_does_not():
    groups = compute(two_camps())
    camp_of_person_1 = next(g for p, _x, _y, g in groups.points if p == 1)

    assert set(groups.representative[camp_of_person_1]) <= {1, 2}
    assert set(groups.representative[1 - camp_of_person_1]) <= {3, 4}


def test_too_few_participants_give_tallies_but_no_groups():
    groups = compute([(1, 1, 1), (2, 1, -1), (2, 2, 1)])

    assert groups.points == [] and groups.group_sizes == []
    assert [(t.statement, t.agree, t.disagree) for t in groups.tallies] == [(1, 1, 1), (2, 1, 0)]


@pytest.fixture
def deliberation(need_at, district_admin):
    return open_on(need_at(Status.ACCEPTED), district_admin)


def crowd(deliberation, size: int = 6):
    """Two camps of `size` residents voting on six statements through the actions."""
    people = [factories.UserFactory() for _ in range(2 * size)]
    texts = [
        "加装电梯费用应由全体业主分摊",
        "低层住户应少出钱",
        "政府应补贴一半费用",
        "不加装电梯也能解决问题",
        "应尽快召开业主大会",
        "施工期间要保障出行安全",
    ]
    statements = [actions.add_statement(deliberation, actor=people[0], text=t) for t in texts]
    camps = [CAMP_A, CAMP_B]
    for i, person in enumerate(people):
        camp = camps[i // size]
        for number, statement in enumerate(statements, start=1):
            actions.cast(statement, actor=person, value=camp[number])
    return people, statements


def test_the_map_is_computed_from_stored_votes_and_kept_until_a_vote_arrives(deliberation):
    people, statements = crowd(deliberation)
    deliberation.refresh_from_db()

    first, updating = opinion.current_map(deliberation)
    again, _ = opinion.current_map(deliberation)

    assert not updating and first.pk == again.pk and first.computed_at == again.computed_at
    assert sorted(first.data["group_sizes"]) == [6, 6]
    actions.cast(statements[0], actor=people[-1], value=Vote.Value.PASS)
    deliberation.refresh_from_db()
    fresh, _ = opinion.current_map(deliberation)
    assert fresh.vote_count == deliberation.vote_count > first.vote_count


def test_a_hidden_statement_leaves_the_map(deliberation, district_admin):
    _people, statements = crowd(deliberation)

    actions.hide_statement(statements[4], actor=district_admin, reason="与议题无关")
    deliberation.refresh_from_db()
    opinion_map, _ = opinion.current_map(deliberation)

    shown = {t["statement"] for t in opinion_map.data["tallies"]}
    assert statements[4].pk not in shown and statements[5].pk in shown
    assert statements[4].pk not in opinion_map.data["consensus"]


def test_a_vote_replaces_the_persons_earlier_vote(deliberation, resident):
    statement = actions.add_statement(deliberation, actor=resident, text="先开业主大会再决定")
    other = factories.UserFactory()

    actions.cast(statement, actor=other, value=1)
    actions.cast(statement, actor=other, value=-1)

    assert list(
        Vote.objects.filter(statement=statement, user=other).values_list("value", flat=True)
    ) == [-1]


def test_nobody_votes_on_a_hidden_statement_or_after_closing(
    deliberation, district_admin, resident
):
    statement = actions.add_statement(deliberation, actor=resident, text="先开业主大会再决定")
    hidden = actions.add_statement(deliberation, actor=resident, text="某某是坏人某某是坏人")
    actions.hide_statement(hidden, actor=district_admin, reason="人身攻击")

    with pytest.raises(ValidationError):
        actions.cast(hidden, actor=district_admin, value=1)
    deliberation_actions.close_deliberation(
        deliberation, actor=district_admin, conclusion="已达成共识"
    )
    with pytest.raises(PermissionDenied):
        actions.cast(statement, actor=factories.UserFactory(), value=1)


def test_statements_are_short_and_not_repeated(deliberation, resident):
    actions.add_statement(deliberation, actor=resident, text="先开业主大会再决定")

    with pytest.raises(ValidationError):
        actions.add_statement(deliberation, actor=resident, text="先开业主大会再决定")
    with pytest.raises(ValidationError):
        actions.add_statement(deliberation, actor=resident, text="好")


def test_the_picture_places_every_group_and_marks_the_viewer(deliberation):
    people, _statements = crowd(deliberation)
    deliberation.refresh_from_db()
    opinion_map, _ = opinion.current_map(deliberation)

    picture = svg.opinion_picture(opinion_map.data, me=people[0].pk)

    assert {label.name for label in picture.labels} == {"A", "B"}
    assert sum(dot.count for dot in picture.dots) == 12
    assert picture.me is not None
    assert all(0 <= dot.cx <= picture.size and 0 <= dot.cy <= picture.size for dot in picture.dots)
    assert OpinionMap.objects.count() == 1
