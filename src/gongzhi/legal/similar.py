"""Similar past questions for a new one, so that the envoy answers faster.

Two sources: the shipped legal question corpus (questions and their
category, no answers), and the platform's own answered consultations whose
requesters agreed to publication (question and answer, redacted). The
corpus index is built once per process, on first use; the platform's index
is rebuilt only when a consented answer is added or changed.
"""

import csv
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.db.models import Count, Max

from gongzhi.core.privacy import redact
from gongzhi.legal.categories import LegalCategory, category_for_label
from gongzhi.legal.models import CaseStatus, LegalCase

logger = logging.getLogger(__name__)

CORPUS_FILES = ("train.csv", "dev.csv")
# A question this unlike the new one is noise, not help.
MIN_SCORE = 0.1


@dataclass(frozen=True)
class SimilarQuestion:
    question: str
    category: str
    score: float
    answer: str = ""

    @property
    def category_label(self) -> str:
        return LegalCategory(self.category).label if self.category in LegalCategory.values else ""

    @property
    def from_platform(self) -> bool:
        return bool(self.answer)


def _corpus_rows(folder: Path) -> tuple[list[str], list[str]]:
    questions, categories = [], []
    seen = set()
    for name in CORPUS_FILES:
        with (folder / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                question = row["question"].strip()
                if question and question not in seen:
                    seen.add(question)
                    questions.append(question)
                    categories.append(category_for_label(row["label_en"]) or "")
    return questions, categories


@lru_cache(maxsize=1)
def _corpus_index():
    from gongzhi.insight.similar import SimilarityIndex

    questions, categories = _corpus_rows(Path(settings.DATA_DIR) / "crimekg_legal_questions")
    logger.info("legal question index built over %s questions", len(questions))
    return SimilarityIndex(enumerate(questions)), questions, categories


def _consented_answers():
    return LegalCase.objects.filter(
        kind=LegalCase.Kind.CONSULTATION,
        publish_consent=True,
        status__in=[CaseStatus.ANSWERED, CaseStatus.CLOSED],
    ).exclude(answer="")


@lru_cache(maxsize=1)
def _platform_index(version: tuple):
    from gongzhi.insight.similar import SimilarityIndex

    rows = {
        pk: (body, answer, category)
        for pk, body, answer, category in _consented_answers().values_list(
            "pk", "body", "answer", "category"
        )
    }
    if not rows:
        return None, {}
    return SimilarityIndex((pk, body) for pk, (body, _a, _c) in rows.items()), rows


def similar_questions(
    text: str, k: int = 5, exclude_case: int | None = None
) -> list[SimilarQuestion]:
    """Up to `k` past questions most like `text`: the platform's answered ones first."""
    try:
        corpus, questions, categories = _corpus_index()
    except (ImportError, FileNotFoundError):
        logger.warning("similar legal questions unavailable")
        return []
    version = tuple(_consented_answers().aggregate(n=Count("pk"), last=Max("updated_at")).values())
    platform, rows = _platform_index(version)
    found = []
    if platform is not None:
        for pk, score in platform.query(text, k, exclude=[exclude_case] if exclude_case else None):
            if score >= MIN_SCORE:
                body, answer, category = rows[pk]
                found.append(SimilarQuestion(redact(body), category, score, redact(answer)))
    for i, score in corpus.query(text, k):
        if score >= MIN_SCORE:
            found.append(SimilarQuestion(questions[i], categories[i], score))
    return found[:k]
