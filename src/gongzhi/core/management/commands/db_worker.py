"""`gongzhi db_worker`: django-tasks-db's worker, kept alive through long SQLite locks.

The library's worker retries when the database is locked while it looks for
a task, but not when the transaction around that look cannot even begin: on
SQLite, a write that holds the lock longer than the busy timeout ends the
worker, and with it all background work until someone notices. This command
(it overrides the library's, as `gongzhi.core` comes first in INSTALLED_APPS)
starts the worker again after such a lock; any other error still ends it.
"""

import logging
import time

from django.db import OperationalError, connections
from django_tasks_db.management.commands import db_worker
from django_tasks_db.utils import is_locked_database_exception

logger = logging.getLogger(__name__)

# Seconds to wait before starting again after a lock.
RETRY_AFTER = 2.0


class Command(db_worker.Command):
    help = "Run django-tasks-db's database worker; start it again when SQLite stays locked."

    def handle(self, *args, **options) -> None:
        while True:
            try:
                return super().handle(*args, **options)
            except OperationalError as error:
                if not is_locked_database_exception(error):
                    raise
                logger.warning("database locked; the worker starts again in %s s", RETRY_AFTER)
                connections.close_all()
                time.sleep(RETRY_AFTER)
