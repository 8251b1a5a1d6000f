"""`gongzhi import-messages FILE…`: import archived residents' messages as needs."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from gongzhi.needs.importer import ImportFileError, ImportReport, import_file


class Command(BaseCommand):
    help = "Import residents' messages from CSV or XLSX files (see docs/data.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument(
            "--source", default="", help="name recorded for the file (one file only)"
        )
        parser.add_argument(
            "--backlog",
            action="store_true",
            help="unanswered messages still wait: import them as submitted, with deadlines, "
            "instead of archiving them",
        )
        parser.add_argument("--strict", action="store_true", help="exit non-zero if any row is bad")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(
        self,
        *args,
        files: list[Path],
        source: str,
        backlog: bool,
        strict: bool,
        no_progress: bool,
        **options,
    ) -> None:
        if source and len(files) > 1:
            raise CommandError(_("--source 只能用于单个文件"))
        bad_rows = 0
        for path in files:
            try:
                report = import_file(path, source=source, progress=not no_progress, backlog=backlog)
            except ImportFileError as error:
                raise CommandError(str(error)) from error
            self.print_report(report)
            bad_rows += len(report.bad)
        if strict and bad_rows:
            raise CommandError(_("有 %(count)s 行未能导入") % {"count": bad_rows})

    def print_report(self, report: ImportReport) -> None:
        for bad in report.bad:
            self.stderr.write(
                _("%(source)s 第 %(row)s 行：%(reason)s")
                % {"source": report.source, "row": bad.row, "reason": bad.reason}
            )
        summary = _(
            "%(source)s：读取 %(read)s 行，新建 %(created)s，合并 %(merged)s，未变 %(unchanged)s，错误 %(bad)s"
        ) % {
            "source": report.source,
            "read": report.read,
            "created": report.created,
            "merged": report.merged,
            "unchanged": report.unchanged,
            "bad": len(report.bad),
        }
        self.stdout.write(summary)
