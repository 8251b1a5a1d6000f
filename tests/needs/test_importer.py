"""The message importer: good files, bad rows, re-imports and messages found in several sets."""

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from gongzhi.core.calendar import SHANGHAI, working_days_after
from gongzhi.needs.importer import UNKNOWN_TIME, derive_title, import_file
from gongzhi.needs.models import Need, Reply, Status, TimelineEntry
from gongzhi.people.models import User

pytestmark = pytest.mark.django_db

LABELLED = ["message_id", "user_id", "title", "posted_at", "detail", "text", "label"]
HOT = ["message_id", "user_id", "title", "posted_at", "detail", "likes", "dislikes"]
REPLIED = ["message_id", "user_id", "title", "posted_at", "detail", "reply", "replied_at"]

LIFT = {
    "message_id": "1001",
    "user_id": "A0001",
    "title": "小区加装电梯进展缓慢",
    "posted_at": "2019-03-04 09:30:00",
    "detail": "我们楼里住着很多老人，加装电梯的申请提交半年了还没有消息。",
}
NOISE = {
    "message_id": "1002",
    "user_id": "A0002",
    "title": "夜间施工噪音扰民",
    "posted_at": "2019-05-06 23:10:00",
    "detail": "工地每天晚上十一点以后还在施工，严重影响休息。",
}


def write_csv(path: Path, columns: list[str], rows: list[dict], bom: bool = False) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, columns: list[str], rows: list[list]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(columns)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def run(path: Path, **options):
    return import_file(path, progress=False, **options)


def need_for(title: str) -> Need:
    return Need.objects.get(title=title)


def snapshot() -> list[tuple]:
    """Everything an import writes, to compare before and after a re-import."""
    needs = list(Need.objects.order_by("pk").values_list())
    replies = list(Reply.objects.order_by("pk").values_list())
    entries = list(TimelineEntry.objects.order_by("pk").values_list())
    users = list(User.objects.order_by("pk").values_list("pk", "username", "external_id"))
    return [needs, replies, entries, users]


# A good file --------------------------------------------------------------


def test_good_csv_becomes_public_imported_needs_with_their_submitters(tmp_path):
    path = write_csv(tmp_path / "hot.csv", HOT, [{**LIFT, "likes": "12", "dislikes": "3"}])

    report = run(path)

    need = need_for("小区加装电梯进展缓慢")
    assert (report.read, report.created, report.bad) == (1, 1, [])
    assert need.source == Need.Source.IMPORT
    assert need.is_public and need.external_id
    assert (need.support_count, need.oppose_count) == (12, 3)
    assert need.submitter.external_id == "A0001"
    assert not need.submitter.has_usable_password()


def test_posted_time_is_read_as_shanghai_local_time(tmp_path):
    path = write_csv(tmp_path / "hot.csv", HOT, [LIFT])

    run(path)

    need = need_for("小区加装电梯进展缓慢")
    assert need.submitted_at == dt.datetime(2019, 3, 4, 1, 30, tzinfo=dt.UTC)


def test_unreplied_message_is_archived_history_off_the_deadline_clock(tmp_path):
    path = write_csv(tmp_path / "hot.csv", HOT, [LIFT])

    run(path)

    need = need_for("小区加装电梯进展缓慢")
    assert need.status == Status.ARCHIVED
    assert need.accept_due is None
    assert not Need.objects.overdue().filter(pk=need.pk).exists()
    assert need.timeline.get().to_status == Status.ARCHIVED


def test_a_backlog_import_waits_for_acceptance_with_a_deadline_from_its_time(tmp_path):
    path = write_csv(tmp_path / "hot.csv", HOT, [LIFT])

    call_command("import_messages", str(path), "--backlog", "--no-progress", stdout=io.StringIO())

    need = need_for("小区加装电梯进展缓慢")
    assert need.status == Status.SUBMITTED
    assert need.accept_due == working_days_after(need.submitted_at, 1)
    assert Need.objects.overdue().filter(pk=need.pk).exists()


def test_a_reply_found_later_closes_an_archived_message(tmp_path):
    run(write_csv(tmp_path / "hot.csv", HOT, [LIFT]))
    replied = {**LIFT, "reply": "网友您好！电梯已于下月开工。", "replied_at": "2019-03-20 16:00:00"}

    run(write_csv(tmp_path / "replied.csv", REPLIED, [replied]))

    need = need_for("小区加装电梯进展缓慢")
    assert need.status == Status.CLOSED
    assert need.replies.get().body.startswith("网友您好")


def test_replied_message_is_closed_with_the_official_reply_and_its_time(tmp_path):
    row = {**LIFT, "reply": "网友您好！电梯已于下月开工。", "replied_at": "2019-03-20 16:00:00"}
    path = write_csv(tmp_path / "replied.csv", REPLIED, [row])

    run(path)

    need = need_for("小区加装电梯进展缓慢")
    replied_at = dt.datetime(2019, 3, 20, 16, tzinfo=SHANGHAI)
    assert need.status == Status.CLOSED
    assert need.replied_at == need.closed_at == replied_at
    assert need.rating == ""
    assert need.replies.get().body == "网友您好！电梯已于下月开工。"
    assert need.replies.get().created_at == replied_at


def test_each_created_need_has_one_import_entry_naming_file_and_row(tmp_path):
    path = write_csv(tmp_path / "hot.csv", HOT, [LIFT, NOISE])

    run(path, source="hot")

    entry = need_for("夜间施工噪音扰民").timeline.get()
    assert entry.action == "import" and entry.actor is None
    assert entry.data["source"] == "hot"
    assert entry.data["file"] == "hot.csv"
    assert entry.data["row"] == 3


def test_search_words_are_written_although_needs_are_bulk_created(tmp_path):
    path = write_csv(tmp_path / "hot.csv", HOT, [LIFT])

    run(path)

    assert "电梯" in need_for("小区加装电梯进展缓慢").search_words.split()


def test_csv_with_byte_order_mark_is_read(tmp_path):
    path = write_csv(tmp_path / "bom.csv", HOT, [LIFT], bom=True)

    report = run(path)

    assert report.created == 1
    assert need_for("小区加装电梯进展缓慢").submitter.external_id == "A0001"


def test_good_xlsx_is_read_including_excel_date_cells(tmp_path):
    columns = ["留言编号", "留言用户", "留言主题", "留言时间", "留言详情", "点赞数", "反对数"]
    excel_date = dt.datetime(2019, 3, 4, 9, 30)  # noqa: DTZ001 - Excel cells carry no time zone
    rows = [
        [1001, "A0001", LIFT["title"], excel_date, LIFT["detail"], 5, 0],
        [1002, "A0002", NOISE["title"], NOISE["posted_at"], NOISE["detail"], 0, 1],
    ]
    path = write_xlsx(tmp_path / "messages.xlsx", columns, rows)

    report = run(path)

    lift = need_for("小区加装电梯进展缓慢")
    assert (report.created, report.bad) == (2, [])
    assert lift.submitted_at == dt.datetime(2019, 3, 4, 9, 30, tzinfo=SHANGHAI)
    assert lift.support_count == 5
    assert lift.timeline.get().data["message_id"] == "1001"


def test_rows_without_user_id_share_one_unsigned_submitter(tmp_path):
    rows = [{**LIFT, "user_id": ""}, {**NOISE, "user_id": ""}]
    path = write_csv(tmp_path / "hot.csv", HOT, rows)

    run(path)

    submitters = set(Need.objects.values_list("submitter__display_name", flat=True))
    assert submitters == {"未署名网友"}


# Labels -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "field_code"),
    [
        ("城乡建设", "urban-construction"),
        ("环境保护", "ecology"),
        ("交通运输", "transport"),
        ("教育文体", "education-sports"),
        ("卫生计生", "health"),
        ("劳动和社会保障", "employment-social-security"),
        ("商贸旅游", "business-environment"),
    ],
)
def test_each_dataset_label_maps_onto_its_default_field(tmp_path, label, field_code):
    path = write_csv(tmp_path / "labelled.csv", LABELLED, [{**LIFT, "label": label}])

    run(path)

    assert need_for("小区加装电梯进展缓慢").field.code == field_code


def test_text_only_row_gets_a_title_from_its_first_sentence_and_a_placeholder_time(tmp_path):
    text = "小区门口路灯坏了三个月没人修。晚上老人出门很不方便，希望尽快修好。"
    path = write_csv(tmp_path / "labelled.csv", LABELLED, [{"text": text, "label": "城乡建设"}])

    report = run(path)

    need = Need.objects.get()
    assert report.bad == []
    assert need.title == "小区门口路灯坏了三个月没人修"
    assert need.body == text
    assert need.submitted_at == UNKNOWN_TIME
    assert need.timeline.get().data["posted_at"] is None


def test_derived_title_is_cut_to_forty_characters():
    title = derive_title("这" * 60 + "。后面的句子")

    assert len(title) == 40
    assert title.endswith("…")


# Bad rows -----------------------------------------------------------------


def test_each_bad_row_is_reported_with_its_number_and_reason_and_good_rows_are_kept(tmp_path):
    rows = [
        LIFT,
        {**NOISE, "message_id": "2", "title": "", "detail": "", "text": ""},
        {**NOISE, "message_id": "3", "title": "日期坏了", "posted_at": "2019-13-45 25:00"},
        {**NOISE, "message_id": "4", "title": "标签未知", "label": "火星事务"},
        {**NOISE, "message_id": "5", "title": "乱码\ufffd标题"},
        {**NOISE, "message_id": "6", "title": "长" * 201},
        NOISE,
    ]
    path = write_csv(tmp_path / "labelled.csv", LABELLED, rows)

    report = run(path)

    reasons = {bad.row: bad.reason for bad in report.bad}
    assert sorted(reasons) == [3, 4, 5, 6, 7]
    assert "内容" in reasons[3]
    assert "posted_at" in reasons[4]
    assert "火星事务" in reasons[5]
    assert "U+FFFD" in reasons[6]
    assert "title" in reasons[7]
    assert set(Need.objects.values_list("title", flat=True)) == {LIFT["title"], NOISE["title"]}


def test_row_with_undecodable_bytes_is_reported_and_its_neighbours_imported(tmp_path):
    path = write_csv(tmp_path / "hot.csv", HOT, [LIFT, NOISE])
    broken = path.read_bytes().replace("夜间".encode(), b"\xff\xfe")
    path.write_bytes(broken)

    report = run(path)

    assert [(bad.row, "UTF-8" in bad.reason) for bad in report.bad] == [(3, True)]
    assert list(Need.objects.values_list("title", flat=True)) == [LIFT["title"]]


def test_negative_likes_and_reply_without_time_are_bad_rows(tmp_path):
    likes = write_csv(tmp_path / "hot.csv", HOT, [{**LIFT, "likes": "-3"}])
    reply = write_csv(tmp_path / "replied.csv", REPLIED, [{**NOISE, "reply": "已处理。"}])

    bad_likes = run(likes).bad
    bad_reply = run(reply).bad

    assert [bad.row for bad in bad_likes + bad_reply] == [2, 2]
    assert not Need.objects.exists()


def test_bad_rows_do_not_fail_the_command_unless_strict(tmp_path, capsys):
    path = write_csv(tmp_path / "hot.csv", HOT, [LIFT, {**NOISE, "posted_at": "昨天"}])

    call_command("import_messages", str(path), "--no-progress")
    with pytest.raises(CommandError):
        call_command("import_messages", str(path), "--no-progress", "--strict")

    output = capsys.readouterr()
    assert "第 3 行" in output.err
    assert "新建 1" in output.out
    assert "错误 1" in output.out


def test_a_file_that_cannot_be_read_fails_the_command(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")

    with pytest.raises(CommandError):
        call_command("import_messages", str(path), "--no-progress")
    with pytest.raises(CommandError):
        call_command("import_messages", str(tmp_path / "missing.csv"), "--no-progress")


# Re-imports and messages in several sets ------------------------------------


def test_importing_the_same_file_again_creates_and_changes_nothing(tmp_path):
    rows = [{**LIFT, "reply": "已处理。", "replied_at": "2019-03-20 16:00:00"}, NOISE]
    path = write_csv(tmp_path / "replied.csv", REPLIED, rows)
    run(path)
    before = snapshot()

    report = run(path)

    assert (report.created, report.merged, report.unchanged) == (0, 0, 2)
    assert snapshot() == before


def test_a_message_in_two_sets_becomes_one_need_with_what_each_set_knows(tmp_path):
    labelled = write_csv(tmp_path / "labelled.csv", LABELLED, [{**LIFT, "label": "城乡建设"}])
    # The same message carries another id, user id and time in another set.
    other = {**LIFT, "message_id": "77", "user_id": "UU9", "posted_at": "2019-03-04 09:34:10"}
    hot = write_csv(tmp_path / "hot.csv", HOT, [{**other, "likes": "40", "dislikes": "2"}])
    replied_row = {**other, "reply": "已开工。", "replied_at": "2019-04-01 10:00:00"}
    replied = write_csv(tmp_path / "replied.csv", REPLIED, [replied_row])

    reports = [run(labelled), run(hot), run(replied)]

    need = Need.objects.get()
    assert [r.created for r in reports] == [1, 0, 0]
    assert [r.merged for r in reports] == [0, 1, 1]
    assert need.field.code == "urban-construction"
    assert need.support_count == 40
    assert need.status == Status.CLOSED
    assert need.replies.get().body == "已开工。"
    assert need.submitter.external_id == "A0001"
    assert need.timeline.count() == 3


def test_re_importing_every_set_after_a_merge_changes_nothing(tmp_path):
    labelled = write_csv(tmp_path / "labelled.csv", LABELLED, [{**LIFT, "label": "城乡建设"}])
    hot = write_csv(tmp_path / "hot.csv", HOT, [{**LIFT, "likes": "40"}])
    run(labelled)
    run(hot)
    before = snapshot()

    reports = [run(hot), run(labelled)]

    assert [r.unchanged for r in reports] == [1, 1]
    assert snapshot() == before


def test_the_same_id_for_two_different_messages_makes_two_needs(tmp_path):
    rows = [LIFT, {**NOISE, "message_id": LIFT["message_id"]}]
    path = write_csv(tmp_path / "labelled.csv", LABELLED, rows)

    report = run(path)

    assert report.created == 2


def test_a_message_posted_twice_in_one_set_stays_two_needs(tmp_path):
    again = {**LIFT, "message_id": "1003", "posted_at": "2019-03-11 08:00:00"}
    path = write_csv(tmp_path / "hot.csv", HOT, [LIFT, again])

    report = run(path)

    assert report.created == 2
    assert Need.objects.filter(title=LIFT["title"]).count() == 2
