"""`gongzhi train`: rebuild the shipped classifiers from data/ (seeded, with a manifest)."""

import json

from django.core.management.base import BaseCommand, CommandError

from gongzhi.insight import training
from gongzhi.insight.classify import MODELS


class Command(BaseCommand):
    help = "Train the field and/or legal classifier and write artefacts and manifests."

    def add_arguments(self, parser):
        parser.add_argument("--model", choices=[*MODELS, "all"], default="all")

    def handle(self, *args, **options):
        names = MODELS if options["model"] == "all" else [options["model"]]
        for name in names:
            try:
                manifest = training.train(name)
            except (OSError, ValueError, KeyError) as error:
                raise CommandError(str(error)) from error
            metrics = json.dumps(manifest["dev_metrics"], ensure_ascii=False)
            self.stdout.write(f"{name}: {manifest['version']} dev {metrics}")
