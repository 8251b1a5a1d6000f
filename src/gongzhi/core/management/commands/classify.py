"""`gongzhi classify`: add a suggested label and its confidence to every row of a CSV file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongzhi.insight import cli
from gongzhi.insight.classify import MODELS


class Command(BaseCommand):
    help = "Classify messages (title, body) or legal questions (question) in a CSV file."

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, type=Path)
        parser.add_argument("--output", required=True, type=Path)
        parser.add_argument("--model", choices=MODELS, default="field")

    def handle(self, *args, **options):
        try:
            count = cli.classify_file(options["input"], options["output"], options["model"])
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"classified {count} rows into {options['output']}")
