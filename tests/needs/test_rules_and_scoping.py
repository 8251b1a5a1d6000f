"""Who sees which needs: the restricted querysets and the rules must agree, role by role."""

import pytest
from django.contrib.auth.models import AnonymousUser

from gongzhi.needs import rules
from gongzhi.needs.filters import filter_needs
from gongzhi.needs.models import Need, Status
from gongzhi.needs.queries import inbox, my_needs, public_needs, visible_needs

from tests import factories

PUBLIC = {"public_a", "public_grid_a", "public_b"}

# What each persona may see among the needs of the `needs` fixture.
VISIBLE = {
    "anonymous": PUBLIC,
    "resident": PUBLIC | {"private_a", "rejected_a"},
    "other_resident": PUBLIC | {"private_b", "private_d"},
    "community_staff": PUBLIC | {"private_a", "private_grid_a", "rejected_a"},
    "other_community_staff": PUBLIC | {"private_b", "private_d"},
    "department_staff": PUBLIC | {"private_d"},
    "other_department_staff": PUBLIC | {"private_e"},
    "district_admin": PUBLIC
    | {"private_a", "private_grid_a", "rejected_a", "private_b", "private_d", "private_e"},
}

# What lands on each persona's workbench.
INBOX = {
    "anonymous": set(),
    "resident": set(),
    "other_resident": set(),
    "community_staff": {"public_a", "public_grid_a", "private_a", "private_grid_a", "rejected_a"},
    "other_community_staff": {"public_b", "private_b", "private_d"},
    "department_staff": {"private_d"},
    "other_department_staff": {"private_e"},
    "district_admin": VISIBLE["district_admin"],
}
ROLES = list(VISIBLE)


def persona(request, role: str):
    return AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)


def titles(needs) -> set[str]:
    return {need.title for need in needs}


@pytest.fixture
def needs(
    resident, other_resident, community_a, grid_a, community_b, department_d, department_e
) -> dict[str, Need]:
    """Needs of two communities and two departments, public and private, by title."""
    neighbour = factories.UserFactory(username="neighbour", community=community_a)
    made = [
        factories.NeedFactory(title="public_a", submitter=resident, place=community_a),
        factories.NeedFactory(title="public_grid_a", submitter=neighbour, place=grid_a),
        factories.NeedFactory(title="public_b", submitter=other_resident, place=community_b),
        factories.NeedFactory(
            title="private_a", submitter=resident, place=community_a, is_public=False
        ),
        factories.NeedFactory(
            title="private_grid_a", submitter=neighbour, place=grid_a, is_public=False
        ),
        factories.NeedFactory(
            title="rejected_a", submitter=resident, place=community_a, status=Status.REJECTED
        ),
        factories.NeedFactory(
            title="private_b", submitter=other_resident, place=community_b, is_public=False
        ),
        factories.NeedFactory(
            title="private_d",
            submitter=other_resident,
            place=community_b,
            is_public=False,
            status=Status.ASSIGNED,
            department=department_d,
        ),
        factories.NeedFactory(
            title="private_e",
            submitter=neighbour,
            place=None,
            is_public=False,
            status=Status.ASSIGNED,
            department=department_e,
        ),
    ]
    return {need.title: need for need in made}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_lists_exactly_the_needs_it_may_see(request, needs, role):
    user = persona(request, role)

    listed = titles(visible_needs(user))

    assert listed == VISIBLE[role]


@pytest.mark.parametrize("role", ROLES)
def test_the_view_rule_agrees_with_the_list_for_every_need(request, needs, role):
    user = persona(request, role)

    viewable = {title for title, need in needs.items() if rules.can_view(user, need)}

    assert viewable == VISIBLE[role]


@pytest.mark.parametrize("role", ROLES)
def test_each_role_finds_exactly_its_scope_in_the_inbox(request, needs, role):
    user = persona(request, role)

    listed = titles(inbox(user))

    assert listed == INBOX[role]


def test_a_resident_cannot_reach_another_residents_private_need_by_its_id(needs, other_resident):
    private = needs["private_a"]

    found = visible_needs(other_resident).filter(pk=private.pk)

    assert not found.exists()
    assert not rules.can_view(other_resident, private)


def test_community_staff_see_private_needs_of_the_grids_in_their_community(needs, community_staff):
    listed = titles(visible_needs(community_staff))

    assert "private_grid_a" in listed
    assert "private_b" not in listed


def test_a_transferred_need_leaves_the_first_departments_scope(
    needs, department_staff, department_e
):
    need = needs["private_d"]
    need.department = department_e
    need.save()

    listed = titles(visible_needs(department_staff))

    assert "private_d" not in listed
    assert not rules.can_view(department_staff, need)


def test_public_needs_leave_out_rejected_ones_but_keep_merged_ones(db):
    factories.NeedFactory(title="kept", status=Status.REJECTED)
    factories.NeedFactory(title="merged", status=Status.MERGED)

    listed = titles(public_needs())

    assert "kept" not in listed
    assert "merged" in listed


def test_my_needs_are_only_my_own_private_and_public(needs, resident):
    listed = titles(my_needs(resident))

    assert listed == {"public_a", "private_a", "rejected_a"}


def test_a_place_filter_includes_the_grids_below(needs, district_admin, community_a):
    listed = titles(filter_needs(visible_needs(district_admin), {"place": community_a}))

    assert listed == {"public_a", "public_grid_a", "private_a", "private_grid_a", "rejected_a"}


def test_a_similar_community_code_does_not_leak_into_the_scope(
    needs, community_staff, community_a, other_resident
):
    # "community-a" is a prefix of "community-ab": the path ends in "/" so it
    # must not match.
    lookalike = factories.CommunityFactory(parent=community_a.parent, code="community-ab")
    factories.NeedFactory(
        title="lookalike", submitter=other_resident, place=lookalike, is_public=False
    )

    listed = titles(visible_needs(community_staff))

    assert "lookalike" not in listed


@pytest.mark.parametrize("role", ["district_admin", "community_staff", "resident"])
def test_listing_needs_with_their_relations_takes_one_query(
    request, needs, role, django_assert_num_queries
):
    user = persona(request, role)
    listed = visible_needs(user)

    with django_assert_num_queries(1):
        rows = [
            (
                n.title,
                n.field.name,
                n.place and n.place.name,
                n.department,
                n.submitter,
                n.is_overdue,
            )
            for n in listed
        ]

    assert len(rows) == len(VISIBLE[role])


# Anonymous submitters ------------------------------------------------------------

SEES_ANONYMOUS_SUBMITTER = {"resident", "community_staff", "department_staff", "district_admin"}


@pytest.mark.parametrize("role", ROLES)
def test_only_the_submitter_and_handling_staff_see_an_anonymous_submitters_name(
    request, role, resident, community_a, department_d
):
    need = factories.NeedFactory(
        submitter=resident,
        place=community_a,
        is_anonymous=True,
        status=Status.ASSIGNED,
        department=department_d,
    )
    user = persona(request, role)

    named = rules.can_see_submitter(user, need)

    assert named == (role in SEES_ANONYMOUS_SUBMITTER)


def test_a_named_submitter_is_shown_to_everyone(db):
    need = factories.NeedFactory(is_anonymous=False)

    assert rules.can_see_submitter(AnonymousUser(), need)
