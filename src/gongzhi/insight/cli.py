"""The work behind the `classify`, `evaluate`, `hotspots` and `train` commands.

The Django management commands only parse options and call these, so the
same code can run (and be tested) without Django.
"""

import csv
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TextIO

from gongzhi.insight import classify, datasets
from gongzhi.insight.datasets import MissingColumnsError, message_parts, read_rows
from gongzhi.insight.hotspots import Message, find_hotspots
from gongzhi.insight.metrics import Report, evaluate

HOTSPOT_COLUMNS = ["rank", "heat", "size", "place", "title", "message_ids", "first_at", "last_at"]
_MESSAGE_COLUMNS = ["message_id", "user_id", "title", "posted_at", "detail"]


def _texts(path: Path, model: str, rows: list[dict[str, str]]) -> tuple[list[str], list[str]]:
    """Titles and bodies for the model from rows, after checking the needed columns exist."""
    columns = datasets.columns_of(path)
    if model == "legal":
        datasets.require_columns(path, ["question"])
        return [row["question"] for row in rows], [""] * len(rows)
    if not ({"title", "body"} <= set(columns) or "text" in columns or "detail" in columns):
        raise MissingColumnsError(f"{path}: needs columns title and body (or title/detail/text)")
    parts = [message_parts(row) for row in rows]
    return [title for title, _ in parts], [body for _, body in parts]


def classify_file(input_path: Path, output_path: Path, model: str = "field") -> int:
    """Write input rows with `label` and `confidence` added; return how many rows."""
    rows = read_rows(input_path)
    titles, bodies = _texts(input_path, model, rows)
    predictions = classify.load(model).predict(titles, bodies, k=1)
    fields = [c for c in datasets.columns_of(input_path) if c not in ("label", "confidence")]
    with open(output_path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=[*fields, "label", "confidence"])
        writer.writeheader()
        for row, prediction in zip(rows, predictions, strict=True):
            row = {name: row.get(name, "") for name in fields}
            writer.writerow(
                {**row, "label": prediction.label, "confidence": f"{prediction.confidence:.4f}"}
            )
    return len(rows)


def evaluate_file(input_path: Path, model: str = "field") -> Report:
    """Score the shipped model on a labelled CSV file."""
    datasets.require_columns(input_path, ["label"])
    rows = read_rows(input_path)
    titles, bodies = _texts(input_path, model, rows)
    predictions = classify.load(model).predict(titles, bodies, k=2)
    return evaluate(
        [row["label"] for row in rows],
        [p.label for p in predictions],
        [[label for label, _ in p.top] for p in predictions] if model == "legal" else None,
    )


def read_messages(path: Path) -> Iterator[Message]:
    """Messages from a CSV file with the hot-issue data set's columns."""
    datasets.require_columns(path, _MESSAGE_COLUMNS)
    for row in read_rows(path):
        yield Message(
            id=row["message_id"],
            user_id=row["user_id"],
            title=row["title"],
            body=row["detail"],
            posted_at=datetime.fromisoformat(row["posted_at"].replace("/", "-")),
            likes=int(row.get("likes") or 0),
            dislikes=int(row.get("dislikes") or 0),
        )


def write_hotspots(input_path: Path, output: TextIO, top: int, window_days: int) -> int:
    """Find the hot issues in a messages file and write them as CSV; return how many."""
    spots = find_hotspots(read_messages(input_path), top=top, window_days=window_days)
    writer = csv.writer(output)
    writer.writerow(HOTSPOT_COLUMNS)
    for spot in spots:
        writer.writerow(
            [
                spot.rank,
                spot.heat,
                spot.size,
                spot.place,
                spot.title,
                " ".join(spot.message_ids),
                spot.first_at.strftime("%Y-%m-%d %H:%M:%S"),
                spot.last_at.strftime("%Y-%m-%d %H:%M:%S"),
            ]
        )
    return len(spots)
