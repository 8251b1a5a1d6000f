"""`gongzhi hotspots`: group messages into hot issues and write the top ones as CSV."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongzhi.insight import cli


class Command(BaseCommand):
    help = "Find hot issues in a CSV file of messages (hot-issue data set columns)."

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, type=Path)
        parser.add_argument("--output", required=True, type=Path)
        parser.add_argument("--top", type=int, default=10)
        parser.add_argument("--window-days", type=int, default=60)

    def handle(self, *args, **options):
        try:
            with open(options["output"], "w", encoding="utf-8", newline="") as output:
                count = cli.write_hotspots(
                    options["input"], output, options["top"], options["window_days"]
                )
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"wrote {count} hot issues to {options['output']}")
