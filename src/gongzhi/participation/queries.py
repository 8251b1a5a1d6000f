"""Participation objects restricted to what a user may see. Every list and figure starts here."""

from django.db.models import Q, QuerySet

from gongzhi.needs.models import Need, Status
from gongzhi.needs.queries import visible_needs
from gongzhi.participation import rules
from gongzhi.participation.models import (
    BudgetRound,
    Comment,
    Deliberation,
    Dispute,
    Event,
    HelpPost,
    MicroProject,
    Statement,
    Survey,
    TalkDay,
)
from gongzhi.people.models import Staff, User

# Projects that won money in a budget round: the "micro-projects" home figure.
FUNDED = [MicroProject.Status.FUNDED, MicroProject.Status.IN_PROGRESS, MicroProject.Status.FINISHED]


def visible_deliberations(user: User) -> QuerySet[Deliberation]:
    """Deliberations on the needs this user may see."""
    needs = visible_needs(user).values("pk")
    return Deliberation.objects.filter(need__in=needs).select_related("need", "space__field")


def shown_comments(deliberation: Deliberation) -> QuerySet[Comment]:
    """The remarks anyone may read: hidden ones are left out entirely, never only masked."""
    return deliberation.comments.shown().select_related("author")


def shown_statements(deliberation: Deliberation) -> QuerySet[Statement]:
    return deliberation.statements.shown()


def visible_surveys(user: User) -> QuerySet[Survey]:
    """Published surveys, plus the drafts this user manages."""
    surveys = Survey.objects.select_related("space__field", "community", "field")
    if rules.is_district_admin(user):
        return surveys
    if not user.is_authenticated:
        return surveys.exclude(status=Survey.Status.DRAFT)
    return surveys.filter(
        ~Q(status=Survey.Status.DRAFT) | Q(created_by=user) | _community_scope(user, "community")
    )


def _community_scope(user: User, lookup: str) -> Q:
    staff: Staff | None = getattr(user, "staff", None)
    if staff is not None and staff.kind == Staff.Kind.COMMUNITY:
        return Q(**{f"{lookup}__path__startswith": staff.community.path})
    return Q(pk__in=[])


def visible_talk_days(user: User) -> QuerySet[TalkDay]:
    return TalkDay.objects.select_related("community")


def visible_projects(user: User) -> QuerySet[MicroProject]:
    """Every proposal is public, declined ones with their reason, for transparency."""
    return MicroProject.objects.select_related("community", "field", "budget_round")


def funded_projects(user: User) -> QuerySet[MicroProject]:
    return visible_projects(user).filter(status__in=FUNDED)


def visible_rounds(user: User) -> QuerySet[BudgetRound]:
    rounds = BudgetRound.objects.select_related("community")
    if rules.is_district_admin(user):
        return rounds
    return rounds.filter(~Q(status=BudgetRound.Status.DRAFT) | _community_scope(user, "community"))


def visible_help(user: User) -> QuerySet[HelpPost]:
    """Open posts everywhere, plus everything the user posted."""
    posts = HelpPost.objects.select_related("community", "author")
    if not user.is_authenticated:
        return posts.filter(status=HelpPost.Status.OPEN)
    return posts.filter(Q(status=HelpPost.Status.OPEN) | Q(author=user))


def matches_for(post: HelpPost) -> QuerySet[HelpPost]:
    """Open posts that could pair with `post`: same kind and community, the other direction."""
    return (
        HelpPost.objects.filter(
            community_id=post.community_id, kind=post.kind, status=HelpPost.Status.OPEN
        )
        .exclude(direction=post.direction)
        .exclude(author_id=post.author_id)
        .select_related("author")
    )


def grid_needs(user: User, grid) -> QuerySet[Need]:
    """The public, live needs placed in a grid the user serves."""
    if not rules.serves_grid(user, grid):
        return Need.objects.none()
    return (
        visible_needs(user)
        .filter(is_public=True, place__path__startswith=grid.path)
        .exclude(status__in=[Status.REJECTED, Status.MERGED])
    )


def visible_disputes(user: User) -> QuerySet[Dispute]:
    if not user.is_authenticated:
        return Dispute.objects.none()
    disputes = Dispute.objects.select_related("grid")
    if rules.is_district_admin(user):
        return disputes
    grids = [g.pk for g in rules.grids_of(user)]
    return disputes.filter(
        Q(reported_by=user) | Q(grid_id__in=grids) | _community_scope(user, "grid")
    )


GRID_WORK = [
    Event.Action.FINDING,
    Event.Action.DISPUTE,
    Event.Action.HELP,
    Event.Action.RESOLVE,
    Event.Action.HAND_OFF,
]


def grid_service(user: User) -> QuerySet[Event]:
    """The grid work a member has done: findings, disputes helped with, settled or handed on."""
    return Event.objects.filter(actor=user, action__in=GRID_WORK).order_by("-at")
