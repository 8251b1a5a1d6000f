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


# Keys below this are single characters (code points need 21 bits).
_UNIGRAM_LIMIT = 1 << 21


def _gram_keys(text: str, max_n: int) -> np.ndarray:
    """Integer keys of the character 1..max_n grams of `text` (code points packed in 21 bits)."""
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    keys = [points]
    for n in range(2, max_n + 1):
        if len(points) < n:
            break
        gram = points[: len(points) - n + 1].copy()
        for offset in range(1, n):
            gram = (gram << 21) | points[offset : len(points) - n + 1 + offset]
        # Tag the length in the top bits so a bigram never equals a unigram's key.
        keys.append(gram | (n << 60))
    return np.concatenate(keys)


class CharGrams:
    """TF-IDF of character n-grams, like sklearn's char analyzer but vectorised with numpy.

    Counting n-grams through a Python dict is the slowest step of classifying a
    message; packing each n-gram into one integer and looking the integers up
    in a sorted array is several times faster and gives the same features.
    """

    def __init__(self, max_n: int = 2, min_df: int = 2):
        self.max_n = max_n
        self.min_df = min_df

    def _keys(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        per_text = [_gram_keys(text.lower(), self.max_n) for text in texts]
        counts = np.array([len(keys) for keys in per_text], dtype=np.int64)
        keys = np.concatenate(per_text) if per_text else np.zeros(0, dtype=np.int64)
        return counts, keys

    def fit_transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        counts, keys = self._keys(texts)
        rows = np.repeat(np.arange(len(texts)), counts)
        pairs = np.unique(np.stack([keys, rows]), axis=1)
        vocabulary, df = np.unique(pairs[0], return_counts=True)
        keep = df >= self.min_df
        self.vocabulary_ = vocabulary[keep]
        n = len(texts)
        self.idf_ = (np.log((1 + n) / (1 + df[keep])) + 1).astype(np.float32)
        return self._matrix(counts, keys, n)

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        counts, keys = self._keys(texts)
        return self._matrix(counts, keys, len(texts))

    def _columns(self, keys: np.ndarray) -> np.ndarray:
        """The column of each key, or -1 for keys outside the vocabulary."""
        # Single characters are code points below 2**21: one direct table
        # lookup each. Longer grams are found by binary search among their own.
        if getattr(self, "_unigram_columns", None) is None:
            unigrams = self.vocabulary_[self.vocabulary_ < _UNIGRAM_LIMIT]
            table = np.full(_UNIGRAM_LIMIT, -1, dtype=np.int64)
            table[unigrams] = np.arange(len(unigrams))
            self._unigram_columns = table
        columns = np.full(len(keys), -1, dtype=np.int64)
        single = keys < _UNIGRAM_LIMIT
        columns[single] = self._unigram_columns[keys[single]]
        longer = ~single
        if longer.any():
            first = int(np.searchsorted(self.vocabulary_, _UNIGRAM_LIMIT))
            grams = self.vocabulary_[first:]
            found = np.searchsorted(grams, keys[longer])
            found[found == len(grams)] = 0
            hit = grams[found] == keys[longer] if len(grams) else np.zeros(len(found), bool)
            columns[longer] = np.where(hit, found + first, -1)
        return columns

    def _matrix(self, counts: np.ndarray, keys: np.ndarray, n: int) -> sp.csr_matrix:
        columns = self._columns(keys)
        known = columns >= 0
        # Keys arrive grouped by text, so the row pointers follow from the
        # number of known keys per text; duplicates are summed within rows.
        rows = np.repeat(np.arange(n), counts)
        indptr = np.r_[0, np.cumsum(np.bincount(rows[known], minlength=n))]
        matrix = sp.csr_matrix(
            (np.ones(int(indptr[-1]), dtype=np.float32), columns[known], indptr),
            shape=(n, len(self.vocabulary_)),
        )
        matrix.sum_duplicates()
        matrix.data = (1 + np.log(matrix.data)) * self.idf_[matrix.indices]
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        norms[norms == 0] = 1
        return sp.csr_matrix(sp.diags(1 / norms).astype(np.float32) @ matrix)

    def __getstate__(self) -> dict:
        # The lookup table is rebuilt on first use; it would bloat the artefact.
        state = self.__dict__.copy()
        state.pop("_unigram_columns", None)
        return state


class TextFeatures:
    """Fits the three TF-IDF views on training texts and stacks them for any text."""

    def __init__(self, head_chars: int = 40, head_weight: float = 0.5, char_max: int = 2):
        self.head_chars = head_chars
        self.head_weight = head_weight
        self.char_max = char_max

    def _vectorizers(self) -> list:
        return [
            CharGrams(self.char_max),
            TfidfVectorizer(sublinear_tf=True, dtype=np.float32, analyzer=_split, min_df=2),
            CharGrams(self.char_max),
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
        # The set of pruned terms is only for inspection and would bloat the artefact.
        self.vectorizers_[1].stop_words_ = None
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
