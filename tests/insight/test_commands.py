"""The command-line contracts, run through Django's call_command (no database needed)."""

import csv

import pytest
from django.core.management import CommandError, call_command

from gongzhi.insight.datasets import HOT_ISSUE_FILE


def write_csv(path, header, rows, bom=False):
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_classify_adds_label_and_confidence_and_keeps_other_columns(tmp_path):
    source = write_csv(
        tmp_path / "in.csv",
        ["id", "title", "body", "note"],
        [["7", "公司拖欠工资", "老板三个月没发工资", "keep me"]],
        bom=True,
    )

    call_command("classify", input=str(source), output=str(tmp_path / "out.csv"))

    [row] = read_csv(tmp_path / "out.csv")
    assert row["id"] == "7" and row["note"] == "keep me"
    assert row["label"] == "劳动和社会保障"
    assert 0.0 <= float(row["confidence"]) <= 1.0


def test_classify_legal_reads_the_question_column(tmp_path):
    source = write_csv(tmp_path / "in.csv", ["question"], [["离婚后孩子的抚养权归谁"]])

    call_command("classify", input=str(source), output=str(tmp_path / "out.csv"), model="legal")

    assert read_csv(tmp_path / "out.csv")[0]["label"] == "婚姻家庭"


def test_missing_columns_give_a_clear_command_error(tmp_path):
    source = write_csv(tmp_path / "in.csv", ["id", "foo"], [["1", "x"]])

    with pytest.raises(CommandError, match="title"):
        call_command("classify", input=str(source), output=str(tmp_path / "out.csv"))


def test_evaluate_prints_accuracy_macro_f1_and_a_per_class_table(tmp_path, capsys):
    source = write_csv(
        tmp_path / "dev.csv",
        ["title", "detail", "text", "label"],
        [
            ["", "", "公司拖欠农民工工资不发", "劳动和社会保障"],
            ["学校乱收费", "补课费", "", "教育文体"],
        ],
    )

    call_command("evaluate", input=str(source))

    out = capsys.readouterr().out
    assert "accuracy" in out and "macro-F1" in out and "教育文体" in out


def test_evaluate_legal_prints_top2_accuracy(tmp_path, capsys):
    source = write_csv(
        tmp_path / "q.csv", ["question", "label"], [["公司不发工资怎么办", "劳动纠纷"]]
    )

    call_command("evaluate", input=str(source), model="legal")

    assert "top-2 accuracy" in capsys.readouterr().out


def test_hotspots_writes_the_contract_columns(tmp_path):
    rows = read_csv(HOT_ISSUE_FILE)[:400]
    source = write_csv(tmp_path / "m.csv", list(rows[0]), [list(row.values()) for row in rows])

    call_command("hotspots", input=str(source), top=3, output=str(tmp_path / "h.csv"))

    spots = read_csv(tmp_path / "h.csv")
    assert list(spots[0]) == [
        "rank",
        "heat",
        "size",
        "place",
        "title",
        "message_ids",
        "first_at",
        "last_at",
    ]
    assert [spot["rank"] for spot in spots] == ["1", "2", "3"][: len(spots)]
    assert all(len(spot["message_ids"].split()) == int(spot["size"]) for spot in spots)
