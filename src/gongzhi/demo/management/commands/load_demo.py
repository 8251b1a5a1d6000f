"""`gongzhi load-demo`: load the demo district, rosters, accounts and every shipped message once.

After the base demo, each module adds its own demo content through a
`load(stdout)` function of its own; every one is idempotent, so a database
loaded before a module existed gains that module's demo on the next run.
"""

import logging
import time
from importlib import import_module

from django.core.management.base import BaseCommand, CommandParser

from gongzhi.demo.accounts import login_lines
from gongzhi.demo.loader import DemoOptions, is_loaded, load_demo, summary

# The modules' demo loaders, in the order they build on one another.
MODULE_DEMOS = [
    "gongzhi.needs.demo",
    "gongzhi.consultation.demo",
    "gongzhi.participation.demo",
    "gongzhi.legal.demo",
]


class Command(BaseCommand):
    help = "Load the demo data on first run; later runs see it is there and do nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-progress", action="store_true", help="no progress bars")

    def handle(self, *args, no_progress: bool, **options) -> None:
        # Every workflow step logs a line; here the summary below says it all.
        logging.getLogger("gongzhi").setLevel(logging.WARNING)
        if is_loaded():
            self.stdout.write("Demo district is already loaded.")
        else:
            self._load_base(no_progress)
        for module in MODULE_DEMOS:
            import_module(module).load(self.stdout)

    def _load_base(self, no_progress: bool) -> None:
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
