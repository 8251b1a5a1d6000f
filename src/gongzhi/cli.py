"""The `gongzhi` command: Django's management commands with our settings preset."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongzhi.settings")
    from django.core.management import execute_from_command_line

    args = sys.argv[1:]
    # Our commands are spelled with hyphens on the command line
    # (`gongzhi import-messages`) but live in modules with underscores.
    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")
    execute_from_command_line(["gongzhi", *args])


if __name__ == "__main__":
    main()
