"""Results restricted to what a user may see. Every list and figure starts here."""

from django.db.models import Q, QuerySet

from gongzhi.needs.rules import is_staff_user
from gongzhi.people.models import User
from gongzhi.results.models import Result


def _base() -> QuerySet[Result]:
    return Result.objects.select_related("field", "department", "source_type")


def public_results() -> QuerySet[Result]:
    """What anyone, signed in or not, may list."""
    return _base().public()


def visible_results(user: User) -> QuerySet[Result]:
    """Public results plus the internal ones this user may see: staff see all, members their own."""
    if not user.is_authenticated:
        return public_results()
    if is_staff_user(user):
        return _base()
    mine = Q(submitted_by=user) | Q(pk__in=user.contributions.values("result_id"))
    return _base().filter(Q(is_public=True) | mine)


def results_from(source) -> QuerySet[Result]:
    """Every result that came from `source` (a topic, a need, ...), regardless of who looks."""
    from django.contrib.contenttypes.models import ContentType

    source_type = ContentType.objects.get_for_model(source)
    return _base().filter(source_type=source_type, source_id=source.pk)
