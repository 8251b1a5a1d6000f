"""`gongzhi score-replies [--all]`: judge official replies that have no quality score yet.

With `--all` every reply is judged again, e.g. after the scoring rules changed.
"""

from django.core.management.base import BaseCommand, CommandParser

from gongzhi.needs.intelligence import score_unscored_replies


class Command(BaseCommand):
    help = "Score the relevance, completeness, grounding and timeliness of unscored replies."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--all", action="store_true", help="score every reply again, not only unscored ones"
        )

    def handle(self, *args, all: bool, **options) -> None:
        self.stdout.write(f"scored {score_unscored_replies(rescore=all)} replies")
