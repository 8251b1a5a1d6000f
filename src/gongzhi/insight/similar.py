"""Find existing texts similar to a new one, and likely duplicates of a text.

Texts become TF-IDF vectors of character 2-3 grams (hashed, so new texts can
be added without refitting a vocabulary), L2-normalised; the similarity of
two texts is the cosine of their vectors. The index is kept transposed
(one row per n-gram listing the texts that contain it), so a query only
touches the texts that share an n-gram with it: a few milliseconds for
tens of thousands of texts.

Document frequencies are frozen when the index is built; texts added later
are weighted with them. Rebuild the index now and then (e.g. nightly) to
refresh the weights.
"""

from collections.abc import Iterable

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer

from gongzhi.insight.features import model_text

# Cosine at or above which two texts are probably the same need filed twice;
# chosen from the re-posted messages in the hot-issue data set (docs/insight.md).
DUPLICATE_THRESHOLD = 0.5
_N_FEATURES = 1 << 20
# New texts wait in a small side block and join the main index in one go.
_MERGE_AFTER = 256
# Only the start of a text is indexed: the subject and the first sentences
# say what a need is about, and longer texts would only slow building.
_INDEXED_CHARS = 300


class SimilarityIndex:
    """An in-memory cosine-similarity index over (id, text) documents."""

    def __init__(self, docs: Iterable[tuple[int, str]] = ()):
        self._hasher = HashingVectorizer(
            analyzer="char",
            ngram_range=(2, 3),
            n_features=_N_FEATURES,
            alternate_sign=False,
            norm=None,
            dtype=np.float32,
        )
        self._ids: list[int] = []
        self._rows: dict[int, int] = {}
        self._pending: list[sp.csr_matrix] = []
        docs = list(docs)
        counts = self._counts([text for _, text in docs])
        self._idf = self._fit_idf(counts)
        self._postings = self._weigh(counts).T.tocsr()
        for doc_id, _ in docs:
            self._remember(doc_id)

    def __len__(self) -> int:
        return len(self._ids)

    def _counts(self, texts: list[str]) -> sp.csr_matrix:
        if not texts:
            return sp.csr_matrix((0, _N_FEATURES), dtype=np.float32)
        matrix = self._hasher.transform([model_text(text)[:_INDEXED_CHARS] for text in texts])
        # Sublinear term frequency: a phrase said five times is not five times as telling.
        matrix.data = 1.0 + np.log(matrix.data)
        return matrix

    def _fit_idf(self, counts: sp.csr_matrix) -> np.ndarray:
        df = np.bincount(counts.indices, minlength=_N_FEATURES).astype(np.float32)
        n = counts.shape[0]
        return (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)

    def _weigh(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        weighted = counts.astype(np.float32)
        weighted.data *= self._idf[weighted.indices]
        norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sp.diags(1.0 / norms).astype(np.float32) @ weighted

    def _remember(self, doc_id: int) -> None:
        if doc_id in self._rows:
            raise ValueError(f"document {doc_id} is already in the index")
        self._rows[doc_id] = len(self._ids)
        self._ids.append(doc_id)

    def add(self, doc_id: int, text: str) -> None:
        """Add one document; it can be found by the next query."""
        self._remember(doc_id)
        self._pending.append(self._weigh(self._counts([text])))
        if len(self._pending) >= _MERGE_AFTER:
            self._merge()

    def _merge(self) -> None:
        block = sp.vstack(self._pending, format="csr")
        self._postings = sp.hstack([self._postings, block.T], format="csr")
        self._pending = []

    def _scores(self, vector: sp.csr_matrix) -> np.ndarray:
        scores = np.asarray((vector @ self._postings).todense()).ravel()
        if self._pending:
            extra = sp.vstack(self._pending, format="csr") @ vector.T
            scores = np.concatenate([scores, np.asarray(extra.todense()).ravel()])
        return scores

    def _ranked(
        self, scores: np.ndarray, k: int, exclude: Iterable[int] | None, floor: float = 0.0
    ) -> list[tuple[int, float]]:
        for doc_id in exclude or ():
            if doc_id in self._rows:
                scores[self._rows[doc_id]] = -1.0
        k = min(k, len(scores))
        if k <= 0:
            return []
        best = np.argpartition(-scores, k - 1)[:k]
        best = best[np.argsort(-scores[best], kind="stable")]
        return [(self._ids[row], float(scores[row])) for row in best if scores[row] > floor]

    def query(
        self, text: str, k: int = 5, exclude: Iterable[int] | None = None
    ) -> list[tuple[int, float]]:
        """The `k` documents most similar to `text`, best first, as (id, cosine) pairs."""
        return self._ranked(self._scores(self._weigh(self._counts([text]))), k, exclude)

    def vector_of(self, doc_id: int) -> sp.csr_matrix:
        """The stored (weighted, normalised) vector of a document."""
        if self._pending:
            self._merge()
        return self._postings[:, self._rows[doc_id]].T.tocsr()

    def duplicates_of(
        self, doc_id: int, threshold: float = DUPLICATE_THRESHOLD, k: int = 20
    ) -> list[tuple[int, float]]:
        """Documents at least `threshold` similar to document `doc_id` (itself left out)."""
        scores = self._scores(self.vector_of(doc_id))
        found = self._ranked(scores, k, exclude=[doc_id], floor=threshold - 1e-9)
        return [(other, score) for other, score in found if score >= threshold]
