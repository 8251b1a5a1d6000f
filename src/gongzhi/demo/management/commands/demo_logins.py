"""`gongzhi demo-logins [--url URL]`: print where to go and the demo accounts."""

from django.core.management.base import BaseCommand, CommandParser

from gongzhi.demo.accounts import login_lines
from gongzhi.demo.loader import is_loaded


class Command(BaseCommand):
    help = "Print the URL and the demo logins (demo-only password)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000/")

    def handle(self, *args, url: str, **options) -> None:
        self.stdout.write(f"gongzhi 共治: {url}")
        if not is_loaded():
            self.stdout.write("No demo data loaded; run `gongzhi load-demo` first.")
            return
        self.stdout.write("Demo logins (demo only, never use this password elsewhere):")
        for line in login_lines():
            self.stdout.write(line)
