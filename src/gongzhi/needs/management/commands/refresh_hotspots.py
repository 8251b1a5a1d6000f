"""`gongzhi refresh-hotspots`: group the public needs into hot issues again."""

from django.core.management.base import BaseCommand, CommandParser

from gongzhi.needs.intelligence import refresh_hot_issues


class Command(BaseCommand):
    help = "Recompute the hot issues (热点难点) shown on the dashboard from all public needs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--top", type=int, default=10, help="how many groups to keep")
        parser.add_argument("--window-days", type=int, default=60, help="time window of a group")

    def handle(self, *args, top: int, window_days: int, **options) -> None:
        for issue in refresh_hot_issues(top=top, window_days=window_days):
            self.stdout.write(f"{issue.rank:>2}  {issue.heat:6.1f}  {issue.size:>4}  {issue.title}")
