"""Build the shipped classifiers from data/ reproducibly (`gongzhi train`).

Each model is fitted twice: on the train split alone, to measure it on the
dev split, then on train + dev (+ any staff corrections), which is the model
that ships. The manifest beside the artefact records what went in.
"""

import json
import logging
import random
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import joblib
import numpy as np
import sklearn

from gongzhi.insight import classify, datasets
from gongzhi.insight.datasets import LabelledText
from gongzhi.insight.features import TextFeatures, model_text
from gongzhi.insight.metrics import Report, evaluate
from gongzhi.insight.nbsvm import NBSVM

logger = logging.getLogger(__name__)

SEED = 20200521
# Bump when the recipe changes, so a manifest tells which recipe built an artefact.
RECIPE_VERSION = 2


@dataclass(frozen=True)
class Recipe:
    """Hyper-parameters of one model, chosen by cross-validation on train + dev."""

    data_dir: Path
    reader: str
    C: float
    alpha: float
    head_chars: int
    head_weight: float
    char_max: int
    prior_power: float = 0.0


RECIPES = {
    "field": Recipe(datasets.FIELD_DIR, "field_examples", 1.0, 1.0, 40, 0.5, 2),
    # The legal classes range from 58 to 5,600 training rows; leaning the
    # calibrator a little towards the small ones buys macro-F1 for 0.2 % accuracy.
    "legal": Recipe(datasets.LEGAL_DIR, "legal_examples", 0.1, 1.0, 12, 0.3, 2, 0.25),
}


def fit(examples: list[LabelledText], recipe: Recipe) -> tuple[TextFeatures, NBSVM]:
    """Fit features and model on labelled examples; deterministic for a given input."""
    np.random.seed(SEED)
    random.seed(SEED)
    texts = [model_text(example.title, example.body) for example in examples]
    features = TextFeatures(recipe.head_chars, recipe.head_weight, recipe.char_max)
    matrix = features.fit_transform(texts)
    model = NBSVM(C=recipe.C, alpha=recipe.alpha, seed=SEED, prior_power=recipe.prior_power)
    model.fit(matrix, [example.label for example in examples])
    return features, model


def measure(classifier: classify.Classifier, examples: list[LabelledText]) -> Report:
    """Score a classifier on labelled examples (top-2 included)."""
    predictions = classifier.predict(
        [example.title for example in examples], [example.body for example in examples], k=2
    )
    return evaluate(
        [example.label for example in examples],
        [prediction.label for prediction in predictions],
        [[label for label, _ in prediction.top] for prediction in predictions],
    )


def train(
    name: str, extra: Iterable[tuple[str, str, str]] = (), out_dir: Path | None = None
) -> dict:
    """Rebuild model `name`, save artefact and manifest, and return the manifest.

    `extra` holds further labelled rows (title, body, label), for example staff
    corrections of suggested fields; they join the final fit, not the dev check.
    """
    recipe = RECIPES[name]
    read = getattr(datasets, recipe.reader)
    train_rows = read(recipe.data_dir / "train.csv")
    dev_rows = read(recipe.data_dir / "dev.csv")
    extra_rows = [LabelledText(title, body, label) for title, body, label in extra]

    trial = classify.Classifier(name, *fit(train_rows, recipe), manifest={})
    report = measure(trial, dev_rows)
    logger.info("model %s dev macro-F1 %.4f accuracy %.4f", name, report.macro_f1, report.accuracy)

    features, model = fit(train_rows + dev_rows + extra_rows, recipe)
    manifest = _manifest(name, recipe, report, len(train_rows) + len(dev_rows), len(extra_rows))
    _save(name, features, model, manifest, out_dir or classify.ARTEFACT_DIR)
    return manifest


def _manifest(name: str, recipe: Recipe, report: Report, rows: int, extra: int) -> dict:
    files = {
        f"{recipe.data_dir.name}/{split}.csv": datasets.sha256_of(recipe.data_dir / f"{split}.csv")
        for split in ("train", "dev")
    }
    return {
        "model": name,
        "version": f"{name}-r{RECIPE_VERSION}",
        "recipe_version": RECIPE_VERSION,
        "seed": SEED,
        "data_sha256": files,
        "training_rows": rows,
        "extra_rows": extra,
        "dev_metrics": report.as_dict(),
        "hyperparameters": {
            "C": recipe.C,
            "alpha": recipe.alpha,
            "head_chars": recipe.head_chars,
            "head_weight": recipe.head_weight,
            "char_ngram_max": recipe.char_max,
            "prior_power": recipe.prior_power,
        },
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
    }


def _save(name: str, features: TextFeatures, model: NBSVM, manifest: dict, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    joblib.dump((features, model), out_dir / f"{name}.joblib", compress=("xz", 6))
    text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    (out_dir / f"{name}.manifest.json").write_text(text, encoding="utf-8")
    classify.load.cache_clear()
