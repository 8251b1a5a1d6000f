"""`gongzhi evaluate`: accuracy, macro-F1 and a per-class table on a labelled CSV file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongzhi.insight import cli
from gongzhi.insight.classify import MODELS


class Command(BaseCommand):
    help = "Evaluate the shipped classifier on a CSV file that has a label column."

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, type=Path)
        parser.add_argument("--model", choices=MODELS, default="field")

    def handle(self, *args, **options):
        try:
            report = cli.evaluate_file(options["input"], options["model"])
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(report.table())
