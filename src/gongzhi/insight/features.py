"""Turn texts into sparse feature matrices for the linear models.

Three views of each text are stacked side by side: character 1-2 grams (robust
to segmentation errors and typos), words from the segmenter with the user
dictionary, and character grams of the first few characters, where the
subject line sits. Training rows that lost their subject line (the data
sets' text-only rows) still get a "head" view this way.
"""

import re
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from gongzhi.insight.normalize import normalize
from gongzhi.insight.segment import words

# Spaces between words carry no meaning in Chinese, and half of the training
# rows were stored without any, so the models see every text without them.
_SPACE = re.compile(r"\s+")


def model_text(title: str, body: str = "") -> str:
    """The single string a model reads for a message: normalised subject then body."""
    return _SPACE.sub("", normalize(title) + normalize(body))


def _split(text: str) -> list[str]:
    return text.split(" ")


class TextFeatures:
    """Fits the three TF-IDF views on training texts and stacks them for any text."""

    def __init__(self, head_chars: int = 40, head_weight: float = 0.5, char_max: int = 2):
        self.head_chars = head_chars
        self.head_weight = head_weight
        self.char_max = char_max

    def _vectorizers(self) -> list[TfidfVectorizer]:
        char = {"analyzer": "char", "ngram_range": (1, self.char_max), "min_df": 2}
        return [
            TfidfVectorizer(sublinear_tf=True, dtype=np.float32, **char),
            TfidfVectorizer(sublinear_tf=True, dtype=np.float32, analyzer=_split, min_df=2),
            TfidfVectorizer(sublinear_tf=True, dtype=np.float32, **char),
        ]

    def _views(self, texts: Sequence[str]) -> list[list[str]]:
        return [
            list(texts),
            [" ".join(words(text)) for text in texts],
            [text[: self.head_chars] for text in texts],
        ]

    def fit_transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        self.vectorizers_ = self._vectorizers()
        blocks = [
            vec.fit_transform(view)
            for vec, view in zip(self.vectorizers_, self._views(texts), strict=True)
        ]
        for vec in self.vectorizers_:
            # The set of pruned terms is only for inspection and would bloat the artefact.
            vec.stop_words_ = None
        return self._stack(blocks)

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        blocks = [
            vec.transform(view)
            for vec, view in zip(self.vectorizers_, self._views(texts), strict=True)
        ]
        return self._stack(blocks)

    def _stack(self, blocks: list[sp.csr_matrix]) -> sp.csr_matrix:
        blocks[-1] = blocks[-1] * self.head_weight
        return sp.hstack(blocks, format="csr", dtype=np.float32)
