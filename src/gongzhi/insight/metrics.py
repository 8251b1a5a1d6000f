"""Classification metrics as plain data, plus a text table for the commands."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support


@dataclass
class Report:
    """Accuracy, macro-F1, optional top-2 accuracy and per-class figures of one evaluation."""

    accuracy: float
    macro_f1: float
    top2_accuracy: float | None
    per_class: list[tuple[str, float, float, float, int]] = field(default_factory=list)

    def as_dict(self) -> dict:
        figures = {"accuracy": round(self.accuracy, 4), "macro_f1": round(self.macro_f1, 4)}
        if self.top2_accuracy is not None:
            figures["top2_accuracy"] = round(self.top2_accuracy, 4)
        return figures

    def table(self) -> str:
        lines = [f"accuracy  {self.accuracy:.4f}", f"macro-F1  {self.macro_f1:.4f}"]
        if self.top2_accuracy is not None:
            lines.append(f"top-2 accuracy  {self.top2_accuracy:.4f}")
        lines.append("")
        lines.append(f"{'label':<12} {'precision':>9} {'recall':>7} {'F1':>6} {'support':>7}")
        for label, precision, recall, f1, support in self.per_class:
            # Chinese labels are double width in a terminal; pad by characters shown.
            pad = " " * max(0, 12 - 2 * len(label))
            lines.append(f"{label}{pad} {precision:9.3f} {recall:7.3f} {f1:6.3f} {support:7d}")
        return "\n".join(lines)


def evaluate(
    truth: Sequence[str], predicted: Sequence[str], top: Sequence[Sequence[str]] | None = None
) -> Report:
    """Score predictions against the truth; `top` lists each text's ranked labels for top-2."""
    labels = sorted(set(truth) | set(predicted))
    precision, recall, f1, support = precision_recall_fscore_support(
        truth, predicted, labels=labels, zero_division=0
    )
    top2 = None
    if top is not None:
        top2 = sum(label in ranked[:2] for label, ranked in zip(truth, top, strict=True)) / max(
            1, len(truth)
        )
    return Report(
        accuracy=float(accuracy_score(truth, predicted)),
        macro_f1=float(f1_score(truth, predicted, labels=sorted(set(truth)), average="macro")),
        top2_accuracy=top2,
        per_class=[
            (label, float(p), float(r), float(f), int(s))
            for label, p, r, f, s in zip(labels, precision, recall, f1, support, strict=True)
        ],
    )
