"""Background work of the participation module (django-tasks, database backend)."""

from django_tasks import task

from gongzhi.participation import opinion
from gongzhi.participation.models import Deliberation


@task()
def refresh_opinion_map(deliberation_id: int) -> int:
    """Recompute a large opinion map outside the request that noticed it was stale."""
    deliberation = Deliberation.objects.get(pk=deliberation_id)
    stored = getattr(deliberation, "opinion_map", None)
    if stored is not None and stored.vote_count == deliberation.vote_count:
        return stored.vote_count
    return opinion.refresh(deliberation).vote_count
