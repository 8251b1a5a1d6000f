"""The key figures of the portal, computed live from the restricted querysets."""

from dataclasses import dataclass

from django.db.models import Count, Q

from gongzhi.needs.models import ANSWERED, Rating, Status, overdue_condition
from gongzhi.needs.queries import visible_needs
from gongzhi.people.models import Body, Member, User


@dataclass(frozen=True)
class NeedFigures:
    received: int
    replied: int
    closed: int
    overdue: int
    rated: int
    satisfied: int

    @property
    def satisfaction_rate(self) -> float | None:
        return self.satisfied / self.rated if self.rated else None


def need_figures(user: User) -> NeedFigures:
    """Figures over exactly the needs this user can list, in one query."""
    totals = visible_needs(user).aggregate(
        received=Count("id"),
        replied=Count("id", filter=Q(status__in=ANSWERED)),
        closed=Count("id", filter=Q(status=Status.CLOSED)),
        # The condition itself, not the `overdue` annotation: PostgreSQL
        # cannot refer to a select alias inside an aggregate's FILTER.
        overdue=Count("id", filter=overdue_condition()),
        rated=Count("id", filter=~Q(rating="")),
        satisfied=Count("id", filter=Q(rating__in=[Rating.SATISFIED, Rating.BASICALLY_SATISFIED])),
    )
    return NeedFigures(**totals)


def member_figures() -> dict[str, int]:
    """Active members of each of the three bodies."""
    counts = dict(Member.objects.active().values_list("body").annotate(n=Count("id")))
    return {body: counts.get(body, 0) for body in Body.values}


@dataclass(frozen=True)
class ResultFigures:
    adopted: int
    implemented: int


def result_figures(user: User) -> ResultFigures:
    """Results adopted (including implemented) and implemented, over the results this user can list."""
    from gongzhi.results.models import ADOPTED
    from gongzhi.results.models import Status as ResultStatus
    from gongzhi.results.queries import visible_results

    totals = visible_results(user).aggregate(
        adopted=Count("id", filter=Q(status__in=ADOPTED)),
        implemented=Count("id", filter=Q(status=ResultStatus.IMPLEMENTED)),
    )
    return ResultFigures(**totals)


def legal_figures():
    """Legal services given and legal-education events held: counts only, see legal.figures."""
    from gongzhi.legal.figures import home_figures

    return home_figures()


@dataclass(frozen=True)
class MicroProjectFigures:
    funded: int
    finished: int


def micro_project_figures(user: User) -> MicroProjectFigures:
    """Micro-projects funded by a budget round (including finished ones), and those finished."""
    from gongzhi.participation.models import MicroProject
    from gongzhi.participation.queries import funded_projects

    totals = funded_projects(user).aggregate(
        funded=Count("id"),
        finished=Count("id", filter=Q(status=MicroProject.Status.FINISHED)),
    )
    return MicroProjectFigures(**totals)
