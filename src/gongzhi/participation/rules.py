"""Who may do what in the participation module: small named predicates, one rule per action."""

from django.urls import reverse
from django.utils.translation import gettext as _

from gongzhi.needs import rules as need_rules
from gongzhi.needs.models import Need, Status
from gongzhi.needs.rules import is_district_admin, is_staff_user
from gongzhi.participation.models import (
    BudgetRound,
    Deliberation,
    Dispute,
    FieldSpace,
    HelpPost,
    MicroProject,
    Survey,
    TalkDay,
)
from gongzhi.people.models import Body, Member, Staff, User
from gongzhi.places.models import Place

__all__ = ["is_district_admin", "is_staff_user"]


# People ----------------------------------------------------------------------


def _community_staff(user: User) -> Staff | None:
    staff = getattr(user, "staff", None) if user.is_authenticated else None
    return staff if staff and staff.kind == Staff.Kind.COMMUNITY else None


def is_community_staff_for(user: User, place: Place | None) -> bool:
    """Community staff whose community holds `place`."""
    staff = _community_staff(user)
    return bool(staff and place and place.path.startswith(staff.community.path))


def is_organiser(user: User) -> bool:
    """Someone who may set up talk days and budget rounds somewhere: district or community staff."""
    return is_district_admin(user) or _community_staff(user) is not None


def runs_community(user: User, place: Place | None) -> bool:
    """The district office, or the staff of the community that holds `place`."""
    return is_district_admin(user) or is_community_staff_for(user, place)


def citizen_memberships(user: User):
    if not user.is_authenticated:
        return Member.objects.none()
    return Member.objects.active().filter(user=user, body=Body.CITIZEN)


def is_space_member(user: User, space: FieldSpace | None) -> bool:
    """An active citizens' committee member of the space's field."""
    return bool(space) and citizen_memberships(user).filter(fields=space.field_id).exists()


def is_verified_resident_of(user: User, community: Place) -> bool:
    return bool(user.is_authenticated and user.is_verified and user.community_id == community.pk)


# Deliberation ----------------------------------------------------------------


def _space_of(need: Need) -> FieldSpace | None:
    return FieldSpace.objects.filter(field_id=need.field_id).first() if need.field_id else None


def can_open_deliberation(user: User, need: Need) -> bool:
    """Staff taking in the need, or a committee member of its field, on a public, live need."""
    if not need.is_public or need.status in (Status.REJECTED, Status.MERGED):
        return False
    return need_rules.can_take_in(user, need) or is_space_member(user, _space_of(need))


def may_open_deliberations(user: User) -> bool:
    """Whether this user may open a deliberation on some need (intake staff or committee members)."""
    return user.is_authenticated and (
        is_district_admin(user)
        or _community_staff(user) is not None
        or citizen_memberships(user).exists()
    )


def deliberation_link(user: User, need: Need) -> tuple[str, str] | None:
    """The "open a deliberation" button on a need's page, for those who may open one."""
    if not can_open_deliberation(user, need):
        return None
    url = reverse("participation:deliberation_create") + f"?need={need.pk}"
    return str(_("发起协商议事")), url


def can_view_deliberation(user: User, deliberation: Deliberation) -> bool:
    return need_rules.can_view(user, deliberation.need)


def can_take_part(user: User, deliberation: Deliberation) -> bool:
    """Stances, ratings, comments, statements and votes: anyone signed in, while it is open."""
    return user.is_authenticated and deliberation.is_open


def can_moderate(user: User, deliberation: Deliberation) -> bool:
    """Staff of the need's community and the committee members of its field keep the peace."""
    return need_rules.can_take_in(user, deliberation.need) or is_space_member(
        user, deliberation.space
    )


def can_close_deliberation(user: User, deliberation: Deliberation) -> bool:
    """Closing routes the conclusion, so it is the intake desk's job."""
    return need_rules.can_take_in(user, deliberation.need)


# Surveys ---------------------------------------------------------------------


def can_create_survey(user: User, space: FieldSpace | None = None) -> bool:
    return (
        is_district_admin(user)
        or _community_staff(user) is not None
        or is_space_member(user, space)
    )


def can_manage_survey(user: User, survey: Survey) -> bool:
    if not user.is_authenticated:
        return False
    return (
        survey.created_by_id == user.pk
        or is_district_admin(user)
        or (survey.community_id is not None and is_community_staff_for(user, survey.community))
    )


def can_view_survey(user: User, survey: Survey) -> bool:
    return survey.status != Survey.Status.DRAFT or can_manage_survey(user, survey)


def is_in_audience(user: User, survey: Survey) -> bool:
    if not user.is_authenticated:
        return False
    if survey.audience == Survey.Audience.COMMUNITY:
        return user.community_id == survey.community_id
    if survey.audience == Survey.Audience.FIELD:
        return citizen_memberships(user).filter(fields=survey.field_id).exists()
    return True


def can_respond(user: User, survey: Survey) -> bool:
    return survey.is_open and is_in_audience(user, survey)


def can_see_results(user: User, survey: Survey) -> bool:
    """Results are public once the survey closes; before that, only its organisers see them."""
    return survey.status == Survey.Status.CLOSED or can_manage_survey(user, survey)


# Talk days -------------------------------------------------------------------


def can_organise_talk_day(user: User, community: Place | None) -> bool:
    return runs_community(user, community)


def can_manage_talk_day(user: User, talk_day: TalkDay) -> bool:
    return runs_community(user, talk_day.community)


def can_register(user: User, talk_day: TalkDay) -> bool:
    return user.is_authenticated and talk_day.is_open_for_registration


# Micro-projects and budget rounds --------------------------------------------


def can_propose(user: User) -> bool:
    return user.is_authenticated


def can_review_project(user: User, project: MicroProject) -> bool:
    return runs_community(user, project.community)


def can_report_progress(user: User, project: MicroProject) -> bool:
    return can_review_project(user, project) or (
        user.is_authenticated and project.proposer_id == user.pk
    )


def can_accept_project(user: User, project: MicroProject) -> bool:
    return can_review_project(user, project)


def can_manage_round(user: User, budget_round: BudgetRound) -> bool:
    return runs_community(user, budget_round.community)


def can_view_round(user: User, budget_round: BudgetRound) -> bool:
    return budget_round.status != BudgetRound.Status.DRAFT or can_manage_round(user, budget_round)


def can_vote(user: User, budget_round: BudgetRound) -> bool:
    """One ballot for each verified resident of the round's community, while voting is open."""
    return budget_round.is_voting and is_verified_resident_of(user, budget_round.community)


# Neighbour help --------------------------------------------------------------


def can_post_help(user: User) -> bool:
    return user.is_authenticated and user.community_id is not None


def can_answer_help(user: User, post: HelpPost) -> bool:
    """A neighbour of the same community answers someone else's open post."""
    return (
        user.is_authenticated
        and post.status == HelpPost.Status.OPEN
        and post.author_id != user.pk
        and user.community_id == post.community_id
    )


def is_help_author(user: User, post: HelpPost) -> bool:
    return user.is_authenticated and post.author_id == user.pk


# Grid service ----------------------------------------------------------------


def grids_of(user: User) -> list[Place]:
    """The grids this user looks after as an active citizens' committee member."""
    if not user.is_authenticated:
        return []
    return list(Place.objects.filter(grid_posts__member__in=citizen_memberships(user)).distinct())


def serves_grid(user: User, grid: Place) -> bool:
    return any(g.pk == grid.pk for g in grids_of(user))


def serves_place(user: User, place: Place | None) -> bool:
    return bool(place) and any(place.path.startswith(g.path) for g in grids_of(user))


def can_add_finding(user: User, need: Need) -> bool:
    """A grid member reports on site about a live need placed in their grid."""
    live = need.status not in (Status.REJECTED, Status.MERGED, Status.CLOSED)
    return live and serves_place(user, need.place)


def can_view_findings(user: User, need: Need) -> bool:
    return (
        serves_place(user, need.place)
        or need_rules.can_take_in(user, need)
        or need_rules.is_department_staff_of(user, need)
    )


def can_view_dispute(user: User, dispute: Dispute) -> bool:
    if not user.is_authenticated:
        return False
    return (
        dispute.reported_by_id == user.pk
        or serves_grid(user, dispute.grid)
        or runs_community(user, dispute.grid)
    )


def can_handle_dispute(user: User, dispute: Dispute) -> bool:
    return serves_grid(user, dispute.grid) or runs_community(user, dispute.grid)
