"""`gongzhi train`: rebuild the shipped classifiers from data/ (seeded, with a manifest)."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from gongzhi.insight import training
from gongzhi.insight.classify import MODELS
from gongzhi.needs.intelligence import correction_rows


class Command(BaseCommand):
    help = "Train the field and/or legal classifier and write artefacts and manifests."

    def add_arguments(self, parser):
        parser.add_argument("--model", choices=[*MODELS, "all"], default="all")
        parser.add_argument(
            "--without-corrections",
            action="store_true",
            help="train on the shipped data only, leaving out staff corrections of fields",
        )

    def handle(self, *args, **options):
        names = MODELS if options["model"] == "all" else [options["model"]]
        for name in names:
            extra = []
            if name == "field" and not options["without_corrections"]:
                # Staff who overruled a suggested field taught us something.
                try:
                    extra = correction_rows()
                except DatabaseError as error:
                    raise CommandError(
                        "cannot read staff corrections (run `gongzhi migrate` first, "
                        f"or train with --without-corrections): {error}"
                    ) from error
                self.stdout.write(f"field: {len(extra)} staff corrections added to the data")
            try:
                manifest = training.train(name, extra=extra)
            except (OSError, ValueError, KeyError) as error:
                raise CommandError(str(error)) from error
            metrics = json.dumps(manifest["dev_metrics"], ensure_ascii=False)
            self.stdout.write(f"{name}: {manifest['version']} dev {metrics}")
