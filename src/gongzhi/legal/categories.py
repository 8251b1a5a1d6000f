"""The legal categories of a question, and the classifier that suggests them.

The thirteen categories are those of the shipped legal question corpus
(`data/crimekg_legal_questions`); their values are the corpus's English
labels, so a classifier prediction maps onto a category without a table.
"""

import logging
from dataclasses import dataclass
from functools import lru_cache

from django.db import models
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


class LegalCategory(models.TextChoices):
    MARRIAGE_FAMILY = "marriage_family", _("婚姻家庭")
    LABOR_DISPUTE = "labor_dispute", _("劳动纠纷")
    TRAFFIC_ACCIDENT = "traffic_accident", _("交通事故")
    DEBT_CREDIT = "debt_credit", _("债权债务")
    CRIMINAL_DEFENSE = "criminal_defense", _("刑事辩护")
    CONTRACT_DISPUTE = "contract_dispute", _("合同纠纷")
    REAL_ESTATE_DISPUTE = "real_estate_dispute", _("房产纠纷")
    TORT = "tort", _("侵权")
    COMPANY_LAW = "company_law", _("公司法")
    MEDICAL_DISPUTE = "medical_dispute", _("医疗纠纷")
    DEMOLITION_RESETTLEMENT = "demolition_resettlement", _("拆迁安置")
    ADMINISTRATIVE_LITIGATION = "administrative_litigation", _("行政诉讼")
    CONSTRUCTION_ENGINEERING = "construction_engineering", _("建设工程")


# The corpus labels in Chinese, for predictions that come back as Chinese text.
_BY_CHINESE = {
    "婚姻家庭": LegalCategory.MARRIAGE_FAMILY,
    "劳动纠纷": LegalCategory.LABOR_DISPUTE,
    "交通事故": LegalCategory.TRAFFIC_ACCIDENT,
    "债权债务": LegalCategory.DEBT_CREDIT,
    "刑事辩护": LegalCategory.CRIMINAL_DEFENSE,
    "合同纠纷": LegalCategory.CONTRACT_DISPUTE,
    "房产纠纷": LegalCategory.REAL_ESTATE_DISPUTE,
    "侵权": LegalCategory.TORT,
    "公司法": LegalCategory.COMPANY_LAW,
    "医疗纠纷": LegalCategory.MEDICAL_DISPUTE,
    "拆迁安置": LegalCategory.DEMOLITION_RESETTLEMENT,
    "行政诉讼": LegalCategory.ADMINISTRATIVE_LITIGATION,
    "建设工程": LegalCategory.CONSTRUCTION_ENGINEERING,
}


def category_for_label(label: str) -> str | None:
    """The category a corpus or classifier label stands for (English or Chinese), or None."""
    if label in LegalCategory.values:
        return label
    found = _BY_CHINESE.get(label)
    return found.value if found else None


@dataclass(frozen=True)
class CategoryGuess:
    category: str
    probability: float

    @property
    def label(self) -> str:
        return LegalCategory(self.category).label

    @property
    def percent(self) -> int:
        return round(self.probability * 100)


@lru_cache(maxsize=1)
def _classifier():
    from gongzhi.insight import classify

    return classify.load("legal")


def suggest_categories(text: str, top: int = 2) -> list[CategoryGuess]:
    """The `top` most likely categories of `text`, most likely first; empty when unsure."""
    if not text.strip():
        return []
    try:
        [prediction] = _classifier().predict([text], k=top)
    except (ImportError, FileNotFoundError):
        # The text core may be missing its trained model on a fresh checkout;
        # filing a request must still work, only without a suggestion.
        logger.warning("legal classifier unavailable; no category suggested")
        return []
    guesses = []
    for label, probability in prediction.top:
        category = category_for_label(str(label))
        if category:
            guesses.append(CategoryGuess(category, float(probability)))
    return guesses[:top]
