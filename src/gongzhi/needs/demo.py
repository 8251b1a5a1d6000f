"""The needs part of the demo: reply scores for the imported replies, and the hot issues."""

from gongzhi.needs.intelligence import refresh_hot_issues, score_unscored_replies
from gongzhi.needs.models import HotIssue


def load(stdout) -> None:
    """Idempotent: scores only unscored replies; groups hot issues only when there are none."""
    stdout.write(f"needs demo: scored {score_unscored_replies()} replies")
    if not HotIssue.objects.exists():
        issues = refresh_hot_issues()
        stdout.write(f"needs demo: {len(issues)} hot issues")
