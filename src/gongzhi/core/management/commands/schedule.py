"""`gongzhi schedule`: enqueue the periodic tasks at their intervals.

django-tasks runs tasks but does not repeat them, so this small loop does:
it enqueues each task in `settings.PERIODIC_TASKS` when it is due, and
`gongzhi db_worker` runs it. One scheduler per site is enough; a second one
only does the same work twice. Cron can do the same job instead:
`gongzhi schedule --once` enqueues everything one time.
"""

import logging
import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# Never sleep longer than this, so a stop signal is noticed promptly.
_LONGEST_NAP = 5.0


class Command(BaseCommand):
    help = "Enqueue the periodic tasks of settings.PERIODIC_TASKS for `gongzhi db_worker`."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once", action="store_true", help="enqueue every periodic task once, then stop"
        )

    def handle(self, *args, once: bool, **options) -> None:
        jobs = [(path, import_string(path), seconds) for path, seconds in settings.PERIODIC_TASKS]
        if once:
            for path, task, _ in jobs:
                self._enqueue(path, task)
            return
        self._stopping = False
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        due = {path: time.monotonic() for path, _, _ in jobs}
        while not self._stopping:
            now = time.monotonic()
            for path, task, seconds in jobs:
                if due[path] <= now:
                    self._enqueue(path, task)
                    due[path] = now + seconds
            time.sleep(min(_LONGEST_NAP, max(0.0, min(due.values()) - time.monotonic())))
        self.stdout.write("scheduler stopped")

    def _stop(self, signum, frame) -> None:
        self._stopping = True

    def _enqueue(self, path: str, task) -> None:
        # A broken database must not end the loop; the next round tries again.
        try:
            result = task.enqueue()
        except Exception:
            logger.exception("could not enqueue %s", path)
            return
        self.stdout.write(f"enqueued {path} ({result.id})")
