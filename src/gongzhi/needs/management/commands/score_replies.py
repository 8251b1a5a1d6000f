"""`gongzhi score-replies`: judge every official reply that has no quality score yet."""

from django.core.management.base import BaseCommand

from gongzhi.needs.intelligence import score_unscored_replies


class Command(BaseCommand):
    help = "Score the relevance, completeness, grounding and timeliness of unscored replies."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"scored {score_unscored_replies()} replies")
