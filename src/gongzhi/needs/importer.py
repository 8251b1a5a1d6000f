"""Importing archived residents' messages (CSV or XLSX) as needs.

The reader turns each row into a `Message` or a `BadRow` without touching the
database; the writer then stores good messages in batches, each batch in its
own transaction, so a bad row never stops the import and a good row is
either stored whole (need, reply, timeline entry) or not at all.

A message is keyed by a fingerprint of its text, not by the file's id: ids
are not unique across the shipped sets (75701 names two messages), and the
same message carries different ids, user ids and even times in different
sets. Importing a second set that contains a known message merges what the
new set knows into the one need. See docs/data.md for every rule.
"""

import csv
import datetime as dt
import hashlib
import io
import logging
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from tqdm import tqdm

from gongzhi.core.calendar import SHANGHAI, local_date, working_days_after
from gongzhi.core.search import index_text
from gongzhi.needs.models import Need, NeedPolicy, Reply, Status, TimelineEntry
from gongzhi.people.models import User
from gongzhi.places.models import Field

logger = logging.getLogger(__name__)

BATCH_SIZE = 500

# submitted_at cannot be empty, and the text-only rows of the labelled set
# carry no time at all. They get this placeholder, earlier than every dated
# message in the archive, so they sort last and are never mistaken for recent
# needs; their import timeline entry records `"posted_at": null`.
UNKNOWN_TIME = dt.datetime(2010, 1, 1, tzinfo=SHANGHAI)

UNSIGNED_USERNAME = "msg-unsigned"

MAX_LENGTHS = {"title": 200, "body": 20000, "reply": 20000, "message_id": 40, "user_id": 40}
TITLE_FROM_TEXT_LENGTH = 40

# Our CSV column names, each with the competition's original Chinese headers.
COLUMN_ALIASES = {
    "message_id": ["留言编号"],
    "user_id": ["留言用户"],
    "title": ["留言主题"],
    "posted_at": ["留言时间"],
    "detail": ["留言详情"],
    "text": [],
    "label": ["一级标签", "一级分类"],
    "likes": ["点赞数"],
    "dislikes": ["反对数"],
    "reply": ["答复意见"],
    "replied_at": ["答复时间"],
}
COLUMNS = {alias: name for name, aliases in COLUMN_ALIASES.items() for alias in [name, *aliases]}
TIME_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d",
]

_WHITESPACE = re.compile(r"\s+")
_UNDECODABLE = re.compile("[\udc80-\udcff]")
_USER_ID = re.compile(r"^[\w.@+-]+$", re.ASCII)
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")


class ImportFileError(Exception):
    """The file cannot be read at all: missing, not CSV/XLSX, or without a message text column."""


class RowError(Exception):
    """One row cannot be imported; the message says why."""


@dataclass
class Message:
    """One good row, parsed and checked, ready to be stored."""

    row: int
    message_id: str
    user_id: str
    title: str
    body: str
    fingerprint: str
    posted_at: dt.datetime | None = None
    field: Field | None = None
    likes: int | None = None
    dislikes: int | None = None
    reply: str = ""
    replied_at: dt.datetime | None = None
    key: str = ""


@dataclass(frozen=True)
class BadRow:
    row: int
    reason: str


@dataclass
class ImportReport:
    """What one import did, for the summary line and for tests."""

    source: str
    read: int = 0
    created: int = 0
    merged: int = 0
    unchanged: int = 0
    bad: list[BadRow] = field(default_factory=list)


# Reading -----------------------------------------------------------------


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, object]]]:
    """(row number, {column: value}) for every data row; the header is row 1."""
    if not path.is_file():
        raise ImportFileError(_("找不到文件：%(path)s") % {"path": path})
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        rows = _xlsx_rows(path)
    else:
        rows = _csv_rows(path)
    header = [_column(name) for name in next(rows, [])]
    if not {"detail", "text"} & set(header):
        raise ImportFileError(_("文件缺少留言内容列（detail 或 text）：%(path)s") % {"path": path})
    for number, values in enumerate(rows, start=2):
        if any(value not in (None, "") for value in values):
            yield number, {name: value for name, value in zip(header, values, strict=False) if name}


def _column(name: object) -> str:
    return COLUMNS.get(str(name or "").strip().lower(), "")


def _csv_rows(path: Path) -> Iterator[list[object]]:
    # Undecodable bytes become lone surrogates instead of failing the whole
    # file, so the rows that contain them can be reported one by one.
    text = path.read_bytes().decode("utf-8-sig", errors="surrogateescape")
    yield from csv.reader(io.StringIO(text, newline=""))


def _xlsx_rows(path: Path) -> Iterator[list[object]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise ImportFileError(_("无法读取 Excel 文件：%(path)s") % {"path": path}) from error
    try:
        for values in workbook.worksheets[0].iter_rows(values_only=True):
            yield list(values)
    finally:
        workbook.close()


# Parsing ------------------------------------------------------------------


class Parser:
    """Turns raw rows into messages; remembers label look-ups across rows."""

    def __init__(self) -> None:
        self._fields: dict[str, Field | None] = {}

    def parse(self, number: int, row: dict[str, object]) -> Message:
        values = {name: _text(name, value) for name, value in row.items()}
        get = values.get
        title, detail, text = get("title", ""), get("detail", ""), get("text", "")
        body = detail or text or title
        if not body:
            raise RowError(_("缺少留言内容"))
        message = Message(
            row=number,
            message_id=get("message_id", ""),
            user_id=get("user_id", ""),
            title=title or derive_title(body),
            body=body,
            fingerprint=fingerprint(title + detail if (title or detail) else text),
            posted_at=_time(row.get("posted_at"), "posted_at"),
            field=self._field(get("label", "")),
            likes=_count(get("likes", ""), "likes"),
            dislikes=_count(get("dislikes", ""), "dislikes"),
            reply=get("reply", ""),
            replied_at=_time(row.get("replied_at"), "replied_at"),
        )
        _check(message)
        return message

    def _field(self, label: str) -> Field | None:
        if not label:
            return None
        if label not in self._fields:
            self._fields[label] = Field.for_label(label)
        if self._fields[label] is None:
            raise RowError(_("未知的标签“%(label)s”") % {"label": label})
        return self._fields[label]


def _text(column: str, value: object) -> str:
    if value is None or isinstance(value, dt.datetime):
        return "" if value is None else str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("_x000D_", " ").strip()
    if _UNDECODABLE.search(text):
        raise RowError(_("%(column)s 列含有无法解码的字节（不是 UTF-8）") % {"column": column})
    if "\ufffd" in text:
        raise RowError(_("%(column)s 列含有乱码字符（U+FFFD）") % {"column": column})
    return text


def _time(value: object, column: str) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        moment = value
    else:
        text = _text(column, value)
        if not text:
            return None
        moment = _parse_time(text, column)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=SHANGHAI)
    if moment > timezone.now():
        raise RowError(_("%(column)s 列的时间在将来") % {"column": column})
    return moment.astimezone(dt.UTC)


def _parse_time(text: str, column: str) -> dt.datetime:
    for pattern in TIME_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern)  # noqa: DTZ007 - local time, zone added by caller
        except ValueError:
            continue
    raise RowError(_("%(column)s 列的时间无法识别") % {"column": column})


def _count(text: str, column: str) -> int | None:
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        number = -1.0
    if number < 0 or not number.is_integer():
        raise RowError(_("%(column)s 列不是非负整数") % {"column": column})
    return int(number)


def _check(message: Message) -> None:
    for name, limit in MAX_LENGTHS.items():
        if len(getattr(message, name)) > limit:
            raise RowError(
                _("%(column)s 列超过 %(limit)s 个字符") % {"column": name, "limit": limit}
            )
    if message.user_id and not _USER_ID.match(message.user_id):
        raise RowError(_("user_id 列含有不允许的字符"))
    if message.reply and not message.replied_at:
        raise RowError(_("有答复内容但缺少答复时间"))
    if message.replied_at and not message.reply:
        raise RowError(_("有答复时间但缺少答复内容"))


def derive_title(text: str) -> str:
    """A title for a message that has none: its first sentence, cut to 40 characters."""
    first = _SENTENCE_END.split(text.strip(), maxsplit=1)[0].strip() or text.strip()
    if len(first) <= TITLE_FROM_TEXT_LENGTH:
        return first
    return first[: TITLE_FROM_TEXT_LENGTH - 1] + "…"


def fingerprint(text: str) -> str:
    """What identifies a message across sets: its text without any whitespace."""
    compact = _WHITESPACE.sub("", text)
    return hashlib.sha1(compact.encode("utf-8"), usedforsecurity=False).hexdigest()[:24]


def assign_keys(messages: list[Message]) -> None:
    """Give each message its need key: the fingerprint, numbered when a file repeats a text.

    A resident who posts the same text twice made two messages; ordering the
    repeats by time lines them up with the same repeats in another set.
    """
    groups: dict[str, list[Message]] = defaultdict(list)
    for message in messages:
        groups[message.fingerprint].append(message)
    for group in groups.values():
        group.sort(key=lambda m: (m.posted_at or UNKNOWN_TIME, m.row))
        for occurrence, message in enumerate(group, start=1):
            suffix = f"-{occurrence}" if occurrence > 1 else ""
            message.key = f"msg:{message.fingerprint}{suffix}"


# Writing ------------------------------------------------------------------


class Writer:
    """Stores parsed messages batch by batch, creating needs or merging into existing ones."""

    def __init__(
        self, report: ImportReport, file_name: str, mark_demo: bool, backlog: bool = False
    ) -> None:
        self.report = report
        self.file_name = file_name
        self.mark_demo = mark_demo
        # Unanswered messages are archived history unless they are a live backlog.
        self.unanswered = Status.SUBMITTED if backlog else Status.ARCHIVED
        self.policy = NeedPolicy.current()
        self._accept_due: dict[dt.date, dt.datetime] = {}
        self._users: dict[str, int] = {}

    def write(self, batch: list[Message]) -> None:
        with transaction.atomic():
            found = Need.objects.filter(external_id__in=[m.key for m in batch])
            existing = {need.external_id: need for need in found}
            self._load_submitters(batch)
            fresh = [m for m in batch if m.key not in existing]
            self._create(fresh)
            self._merge([(existing[m.key], m) for m in batch if m.key in existing])

    def _load_submitters(self, batch: list[Message]) -> None:
        wanted = {m.user_id for m in batch} - self._users.keys()
        if not wanted:
            return
        found = User.objects.filter(external_id__in=wanted - {""}).values_list("external_id", "pk")
        self._users.update(found)
        if "" in wanted:
            self._users[""] = self._unsigned_user().pk
        missing = sorted(wanted - self._users.keys())
        created = User.objects.bulk_create([self._poster(user_id) for user_id in missing])
        self._users.update((user.external_id, user.pk) for user in created)

    def _poster(self, user_id: str) -> User:
        # Posters of archived messages can never log in; make_password(None)
        # builds an unusable password without the cost of hashing one.
        return User(
            username=f"msg-{user_id}",
            external_id=user_id,
            display_name=_("网友%(id)s") % {"id": user_id},
            password=make_password(None),
            is_demo=self.mark_demo,
        )

    def _unsigned_user(self) -> User:
        user, _created = User.objects.get_or_create(
            username=UNSIGNED_USERNAME,
            defaults={
                "display_name": _("未署名网友"),
                "password": make_password(None),
                "is_demo": self.mark_demo,
            },
        )
        return user

    def _create(self, messages: list[Message]) -> None:
        needs = Need.objects.bulk_create([self._need(m) for m in messages])
        replies = [
            Reply(need=need, body=m.reply, created_at=m.replied_at)
            for need, m in zip(needs, messages, strict=True)
            if m.reply
        ]
        Reply.objects.bulk_create(replies)
        entries = [self._entry(need, m) for need, m in zip(needs, messages, strict=True)]
        TimelineEntry.objects.bulk_create(entries)
        self.report.created += len(needs)

    def _need(self, message: Message) -> Need:
        # bulk_create skips Need.save(), which is where search words are
        # usually written, so they are segmented here.
        submitted_at = message.posted_at or UNKNOWN_TIME
        status = Status.CLOSED if message.reply else self.unanswered
        return Need(
            kind=guess_kind(message.title),
            title=message.title,
            body=message.body,
            field=message.field,
            submitter_id=self._users[message.user_id],
            is_public=True,
            status=status,
            support_count=message.likes or 0,
            oppose_count=message.dislikes or 0,
            submitted_at=submitted_at,
            accept_due=self.accept_due(submitted_at) if status == Status.SUBMITTED else None,
            replied_at=message.replied_at,
            closed_at=message.replied_at,
            source=Need.Source.IMPORT,
            external_id=message.key,
            is_demo=self.mark_demo,
            search_words=index_text(message.title, message.body),
        )

    def accept_due(self, submitted_at: dt.datetime) -> dt.datetime:
        # The deadline depends only on the Shanghai date, and thousands of
        # messages share a date, so each date is worked out once.
        day = local_date(submitted_at)
        if day not in self._accept_due:
            self._accept_due[day] = working_days_after(submitted_at, self.policy.accept_within_days)
        return self._accept_due[day]

    def _entry(self, need: Need, message: Message, changed: Iterable[str] = ()) -> TimelineEntry:
        data = {
            "source": self.report.source,
            "file": self.file_name,
            "row": message.row,
            "message_id": message.message_id,
            "posted_at": message.posted_at.isoformat() if message.posted_at else None,
        }
        if changed:
            data["merged"] = sorted(changed)
        return TimelineEntry(
            need=need, action="import", actor=None, to_status=need.status, data=data
        )

    def _merge(self, pairs: list[tuple[Need, Message]]) -> None:
        need_ids = [need.pk for need, _message in pairs]
        imported_here = set(
            TimelineEntry.objects.filter(
                need_id__in=need_ids, action="import", data__source=self.report.source
            ).values_list("need_id", flat=True)
        )
        replied = set(Reply.objects.filter(need_id__in=need_ids).values_list("need_id", flat=True))
        entries = []
        for need, message in pairs:
            changed = merge_into(need, message, has_reply=need.pk in replied, writer=self)
            if not changed and need.pk in imported_here:
                self.report.unchanged += 1
                continue
            if changed:
                need.save(update_fields=[*changed, "updated_at"])
            entries.append(self._entry(need, message, changed or ["source"]))
            self.report.merged += 1
        TimelineEntry.objects.bulk_create(entries)


def merge_into(need: Need, message: Message, *, has_reply: bool, writer: Writer) -> list[str]:
    """Add what `message` knows and `need` lacks; return the changed field names.

    Nothing a need already has is overwritten: its text, submitter and field
    may have been corrected by staff since. Counts only ever grow, so the
    order in which sets are imported does not matter and a re-import finds
    nothing to change.
    """
    changed = []
    if message.field and not need.field_id:
        need.field = message.field
        changed.append("field")
    if message.likes is not None and message.likes > need.support_count:
        need.support_count = message.likes
        changed.append("support_count")
    if message.dislikes is not None and message.dislikes > need.oppose_count:
        need.oppose_count = message.dislikes
        changed.append("oppose_count")
    if message.posted_at and need.submitted_at == UNKNOWN_TIME:
        need.submitted_at = message.posted_at
        changed.append("submitted_at")
        if need.status == Status.SUBMITTED:
            need.accept_due = writer.accept_due(message.posted_at)
            changed.append("accept_due")
    if message.reply and not has_reply and need.status in (Status.SUBMITTED, Status.ARCHIVED):
        Reply.objects.create(need=need, body=message.reply, created_at=message.replied_at)
        need.status = Status.CLOSED
        need.replied_at = need.closed_at = message.replied_at
        changed += ["status", "replied_at", "closed_at"]
    return changed


def guess_kind(title: str) -> str:
    """Complaint or request when the title says so; a suggestion otherwise."""
    if "投诉" in title or "举报" in title:
        return Need.Kind.COMPLAINT
    if "咨询" in title or "求助" in title or "请问" in title:
        return Need.Kind.REQUEST
    return Need.Kind.SUGGESTION


# The whole import ---------------------------------------------------------


def default_source(path: Path) -> str:
    """`tipdm2020c_messages_labeled/train` for data/tipdm2020c_messages_labeled/train.csv."""
    return f"{path.parent.name}/{path.stem}" if path.parent.name else path.stem


def import_file(
    path: Path | str,
    *,
    source: str = "",
    mark_demo: bool = False,
    progress: bool = True,
    backlog: bool = False,
) -> ImportReport:
    """Import one CSV or XLSX file of messages; raises ImportFileError if it cannot be read.

    Messages with a reply arrive closed. Those without one are archived
    history, unless `backlog` says they are still waiting: then they arrive
    as submitted, with an acceptance deadline counted from their own time.
    """
    path = Path(path)
    report = ImportReport(source=source or default_source(path))
    parser = Parser()
    messages: list[Message] = []
    for number, row in read_rows(path):
        report.read += 1
        try:
            messages.append(parser.parse(number, row))
        except RowError as error:
            report.bad.append(BadRow(number, str(error)))
    assign_keys(messages)

    writer = Writer(report, path.name, mark_demo, backlog)
    with tqdm(
        total=len(messages), desc=path.name, unit="row", file=sys.stderr, disable=not progress
    ) as bar:
        for start in range(0, len(messages), BATCH_SIZE):
            batch = messages[start : start + BATCH_SIZE]
            writer.write(batch)
            bar.update(len(batch))
    logger.info(
        "import %s: %s read, %s created, %s merged, %s unchanged, %s bad",
        report.source,
        report.read,
        report.created,
        report.merged,
        report.unchanged,
        len(report.bad),
    )
    return report
