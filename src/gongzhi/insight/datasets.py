"""Reading the CSV data sets shipped in data/ (and CSV files users hand to the commands)."""

import csv
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# The repository root: src/gongzhi/insight/datasets.py -> three levels up from the package.
REPO_DIR = Path(__file__).resolve().parents[3]
DATA_DIR = REPO_DIR / "data"
FIELD_DIR = DATA_DIR / "tipdm2020c_messages_labeled"
LEGAL_DIR = DATA_DIR / "crimekg_legal_questions"
HOT_ISSUE_FILE = DATA_DIR / "tipdm2020c_hot_issue_messages" / "data.csv"
REPLIED_FILE = DATA_DIR / "tipdm2020c_replied_messages" / "data.csv"


class MissingColumnsError(ValueError):
    """A CSV file lacks columns that the caller needs."""


@dataclass(frozen=True)
class LabelledText:
    """One training or evaluation example: subject, body and the true label."""

    title: str
    body: str
    label: str


def read_rows(path: Path | str) -> list[dict[str, str]]:
    """All rows of a UTF-8 CSV file (a byte-order mark is allowed) as dicts of strings."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def columns_of(path: Path | str) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return next(csv.reader(handle), [])


def require_columns(path: Path | str, needed: list[str]) -> None:
    """Raise MissingColumnsError naming what is missing, before any work is done."""
    missing = [name for name in needed if name not in columns_of(path)]
    if missing:
        raise MissingColumnsError(f"{path}: missing column(s) {', '.join(missing)}")


def message_parts(row: dict[str, str]) -> tuple[str, str]:
    """Subject and body of a message row in either the title/body or the dataset layout.

    The labelled data set's text-only rows have an empty title and detail and
    keep the whole message in `text`; it is read as the body.
    """
    title = row.get("title") or ""
    body = row.get("body") or row.get("detail") or ""
    if not title and not body:
        body = row.get("text") or ""
    return title, body


def field_examples(path: Path | str) -> list[LabelledText]:
    return [LabelledText(*message_parts(row), row["label"]) for row in read_rows(path)]


def legal_examples(path: Path | str) -> list[LabelledText]:
    return [LabelledText("", row["question"], row["label"]) for row in read_rows(path)]


def sha256_of(path: Path | str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def iter_texts(path: Path | str) -> Iterator[str]:
    """Subject and body of every message in a data set file, joined (for unlabelled uses)."""
    for row in read_rows(path):
        title, body = message_parts(row)
        yield f"{title} {body}".strip()
