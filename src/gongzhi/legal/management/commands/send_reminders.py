"""`gongzhi send-reminders`: remind requesters and envoys of tomorrow's legal appointments.

Run it every few minutes from cron (or enqueue `gongzhi.legal.tasks.send_reminders`);
each appointment is reminded once, however often it runs.
"""

import datetime as dt

from django.core.management.base import BaseCommand

from gongzhi.legal.booking import send_due_reminders


class Command(BaseCommand):
    help = "Send reminders for legal appointments starting within the next hours."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--hours", type=int, default=24, help="remind this many hours ahead")

    def handle(self, *args, hours: int, **options) -> None:
        sent = send_due_reminders(ahead=dt.timedelta(hours=hours))
        self.stdout.write(f"reminders sent: {sent}")
