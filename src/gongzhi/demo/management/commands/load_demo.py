"""`gongzhi load-demo`: load the demo district, rosters, accounts and every shipped message once."""

import time

from django.core.management.base import BaseCommand, CommandParser

from gongzhi.demo.accounts import login_lines
from gongzhi.demo.loader import DemoOptions, is_loaded, load_demo, summary


class Command(BaseCommand):
    help = "Load the demo data on first run; later runs see it is there and do nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-progress", action="store_true", help="no progress bars")

    def handle(self, *args, no_progress: bool, **options) -> None:
        if is_loaded():
            self.stdout.write("Demo data is already loaded; nothing to do.")
            return
        started = time.monotonic()
        result = load_demo(DemoOptions(progress=not no_progress))
        for report in result.imports:
            self.stdout.write(
                f"imported {report.source}: {report.read} rows, {report.created} created, "
                f"{report.merged} merged, {report.unchanged} unchanged, {len(report.bad)} bad"
            )
        for label, count in summary():
            self.stdout.write(f"{label:<28} {count:>6}")
        states = ", ".join(f"{status} {count}" for status, count in sorted(result.stories.items()))
        self.stdout.write(f"demo needs by status: {states}")
        self.stdout.write(f"Demo loaded in {time.monotonic() - started:.1f} s. Logins (demo only):")
        for line in login_lines():
            self.stdout.write(line)
