"""Background work of the needs module (django-tasks, database backend)."""

from django_tasks import task

from gongzhi.needs.intelligence import refresh_hot_issues as _refresh_hot_issues


@task()
def refresh_hot_issues() -> int:
    """Group the public needs into hot issues again for the dashboard; returns how many."""
    return len(_refresh_hot_issues())
