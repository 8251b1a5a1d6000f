"""Background tasks of legal services, for the django-tasks database worker.

`gongzhi send-reminders` runs the same function from cron; the task lets a
worker (`gongzhi db_worker`) do it when enqueued, e.g. right after a booking
for a meeting that starts within a day.
"""

from django_tasks import task

from gongzhi.legal.booking import send_due_reminders


@task()
def send_reminders() -> int:
    """Remind requesters and envoys of meetings in the next 24 hours; returns how many."""
    return send_due_reminders()
