"""Classify messages into policy fields and legal questions into dispute categories.

Usage from the web app::

    from gongzhi.insight import classify
    field = classify.load("field")
    [prediction] = field.predict(["小区油烟扰民"], ["楼下餐馆油烟噪音很大……"])
    prediction.label, prediction.confidence, prediction.top

    legal = classify.load("legal")
    legal.predict(["公司不发工资怎么办"])        # legal questions: one text each, no body

`confidence` is a calibrated probability: among predictions made with
confidence 0.8, about 80 % are right (measured out of fold when training).
"""

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import joblib
import numpy as np

from gongzhi.insight.features import TextFeatures, model_text
from gongzhi.insight.nbsvm import NBSVM

ARTEFACT_DIR = Path(__file__).resolve().parent / "artefacts"
MODELS = ("field", "legal")


@dataclass(frozen=True)
class Prediction:
    """The suggested label of one text, its probability, and the runners-up."""

    label: str
    confidence: float
    top: list[tuple[str, float]]


class Classifier:
    """A trained text classifier: features plus an NB-SVM with calibrated probabilities."""

    def __init__(self, name: str, features: TextFeatures, model: NBSVM, manifest: dict):
        self.name = name
        self.features = features
        self.model = model
        self.manifest = manifest

    @property
    def labels(self) -> list[str]:
        return [str(label) for label in self.model.classes_]

    def probabilities(
        self, titles: Sequence[str], bodies: Sequence[str] | None = None
    ) -> np.ndarray:
        """Class probabilities, one row per text, columns in the order of `labels`."""
        if bodies is None:
            bodies = [""] * len(titles)
        if len(titles) != len(bodies):
            raise ValueError("titles and bodies must have the same length")
        texts = [model_text(title, body) for title, body in zip(titles, bodies, strict=True)]
        return self.model.predict_proba(self.features.transform(texts))

    def predict(
        self, titles: Sequence[str], bodies: Sequence[str] | None = None, k: int = 3
    ) -> list[Prediction]:
        """Predict a label for each (title, body); for legal questions pass the questions only."""
        if not titles:
            return []
        proba = self.probabilities(titles, bodies)
        labels = self.labels
        order = np.argsort(-proba, axis=1)[:, :k]
        return [
            Prediction(
                label=labels[row[0]],
                confidence=float(probs[row[0]]),
                top=[(labels[i], float(probs[i])) for i in row],
            )
            for probs, row in zip(proba, order, strict=True)
        ]


def artefact_path(name: str) -> Path:
    return ARTEFACT_DIR / f"{name}.joblib"


def manifest_path(name: str) -> Path:
    return ARTEFACT_DIR / f"{name}.manifest.json"


@cache
def load(name: str = "field") -> Classifier:
    """The shipped model `name` ("field" or "legal"), loaded once per process."""
    if name not in MODELS:
        raise ValueError(f"unknown model {name!r}; choose one of {', '.join(MODELS)}")
    path = artefact_path(name)
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing; build it with `gongzhi train --model {name}`")
    features, model = joblib.load(path)
    manifest = json.loads(manifest_path(name).read_text(encoding="utf-8"))
    classifier = Classifier(name, features, model, manifest)
    # The segmenter loads its dictionaries on first use; do it here so the
    # first resident to submit a message does not wait for it.
    classifier.predict(["预热"], [""])
    return classifier


def timed_load(name: str) -> tuple[Classifier, float]:
    """Load a model bypassing the cache and return it with the seconds it took."""
    start = time.perf_counter()
    load.cache_clear()
    classifier = load(name)
    return classifier, time.perf_counter() - start
