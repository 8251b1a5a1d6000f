"""NB-SVM: a linear SVM on features scaled by naive-Bayes log-count ratios.

Wang & Manning (2012) showed that scaling each feature by how much more often
it occurs in one class than in the others, then fitting a linear SVM, beats
both plain NB and plain SVM on short and mid-length texts. With one scaled
SVM per class (one-vs-rest), the ratio folds into the weights, so the fitted
model is just one weight matrix and prediction is a single sparse product.

Scores are turned into probabilities by a small multinomial logistic
regression fitted on out-of-fold scores, so the confidence of a prediction
is calibrated on texts the SVMs did not see.
"""

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import LinearSVC


def log_count_ratio(binary: sp.csr_matrix, positive: np.ndarray, alpha: float) -> np.ndarray:
    """How much more likely each feature is present in positive rows than in the others."""
    p = np.asarray(binary[positive].sum(axis=0)).ravel() + alpha
    q = np.asarray(binary[~positive].sum(axis=0)).ravel() + alpha
    return np.log((p / p.sum()) / (q / q.sum()))


class NBSVM:
    """One-vs-rest NB-SVM with calibrated class probabilities."""

    def __init__(
        self,
        C: float = 1.0,
        alpha: float = 1.0,
        folds: int = 5,
        seed: int = 0,
        prior_power: float = 0.0,
    ):
        self.C = C
        self.alpha = alpha
        self.folds = folds
        self.seed = seed
        # Weight class i by (mean count / count_i) ** prior_power when calibrating:
        # 0 keeps the training priors, 1 treats every class as equally likely.
        self.prior_power = prior_power

    def fit(self, X: sp.csr_matrix, y: Sequence[str]) -> "NBSVM":
        y = np.asarray(y)
        self.classes_ = np.unique(y)
        self.coef_, self.intercept_ = self._fit_svms(X, y)
        self.calibrator_ = self._fit_calibrator(X, y)
        return self

    def _fit_svms(self, X: sp.csr_matrix, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        binary = (X > 0).astype(np.float32)
        coef = np.zeros((len(self.classes_), X.shape[1]), dtype=np.float32)
        intercept = np.zeros(len(self.classes_), dtype=np.float32)
        for i, label in enumerate(self.classes_):
            positive = y == label
            ratio = log_count_ratio(binary, positive, self.alpha)
            svm = LinearSVC(C=self.C, random_state=self.seed)
            svm.fit(X.multiply(ratio).tocsr(), positive)
            coef[i] = svm.coef_[0] * ratio
            intercept[i] = svm.intercept_[0]
        return coef, intercept

    def _fit_calibrator(self, X: sp.csr_matrix, y: np.ndarray) -> LogisticRegression:
        """Fit the score-to-probability map on out-of-fold scores of the same recipe."""
        scores = np.zeros((len(y), len(self.classes_)), dtype=np.float32)
        splits = StratifiedKFold(self.folds, shuffle=True, random_state=self.seed).split(X, y)
        for train, held in splits:
            fold = NBSVM(self.C, self.alpha, self.folds, self.seed, self.prior_power)
            fold.classes_ = self.classes_
            fold.coef_, fold.intercept_ = fold._fit_svms(X[train], y[train])
            scores[held] = fold.decision_function(X[held])
        calibrator = LogisticRegression(C=1.0, max_iter=1000, class_weight=self._weights(y))
        return calibrator.fit(scores, y)

    def _weights(self, y: np.ndarray) -> dict[str, float] | None:
        if not self.prior_power:
            return None
        labels, counts = np.unique(y, return_counts=True)
        mean = counts.mean()
        return {
            label: float((mean / count) ** self.prior_power)
            for label, count in zip(labels, counts, strict=True)
        }

    def decision_function(self, X: sp.csr_matrix) -> np.ndarray:
        return np.asarray(X @ self.coef_.T) + self.intercept_

    def predict_proba(self, X: sp.csr_matrix) -> np.ndarray:
        proba = self.calibrator_.predict_proba(self.decision_function(X))
        # The calibrator's classes are sorted like ours; assert it once, cheaply.
        assert list(self.calibrator_.classes_) == list(self.classes_)
        return proba

    def predict(self, X: sp.csr_matrix) -> np.ndarray:
        return self.classes_[self.predict_proba(X).argmax(axis=1)]
