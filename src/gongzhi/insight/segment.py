"""Chinese word segmentation."""

import re

import rjieba

_TOKEN = re.compile(r"\w", re.UNICODE)


def words(text: str) -> list[str]:
    """Segment `text` into words, dropping punctuation and whitespace."""
    return [word for word in rjieba.cut(text) if _TOKEN.search(word)]


def search_terms(text: str) -> list[str]:
    """Words for a full-text index or query: fine-grained, lower-cased, de-duplicated.

    The same function segments both the indexed text and the query, so a
    query word always has the chance to meet the same word in the index.
    """
    seen: dict[str, None] = {}
    for word in rjieba.cut_for_search(text):
        if _TOKEN.search(word):
            seen.setdefault(word.lower(), None)
    return list(seen)
