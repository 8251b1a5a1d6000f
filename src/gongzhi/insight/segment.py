"""Chinese word segmentation with the project's user dictionary of local terms."""

import re
from functools import cache
from importlib import resources

import rjieba

_TOKEN = re.compile(r"\w", re.UNICODE)
_DEFAULT_FREQ = 20000


@cache
def _load_user_dictionary() -> int:
    """Teach the segmenter our local terms once per process; return how many were added.

    rjieba keeps one process-wide dictionary, so loading twice would only
    repeat the work; the cache makes later calls free.
    """
    text = resources.files("gongzhi.insight").joinpath("resources/userdict.txt").read_text("utf-8")
    added = 0
    for line in text.splitlines():
        entry = parse_entry(line)
        if entry:
            rjieba.add_word(*entry)
            added += 1
    return added


def parse_entry(line: str) -> tuple[str, int, str] | None:
    """Read one user-dictionary line `word [freq [tag]]`; None for blanks and comments."""
    line = line.strip()
    if not line or line.startswith("#"):
        return None
    parts = line.split()
    freq = int(parts[1]) if len(parts) > 1 else _DEFAULT_FREQ
    tag = parts[2] if len(parts) > 2 else "n"
    return parts[0], freq, tag


def cut(text: str) -> list[str]:
    """Segment `text` keeping every token, punctuation included (for taggers and titles)."""
    _load_user_dictionary()
    return rjieba.cut(text)


def tag(text: str) -> list[tuple[str, str]]:
    """Segment `text` into (word, part-of-speech) pairs."""
    _load_user_dictionary()
    return rjieba.tag(text)


# Whether a token holds any letter or digit, remembered per token: a text
# repeats the same few thousand tokens, and a dict lookup is several times
# cheaper than a regex search. Cleared when full, so memory stays bounded.
_IS_WORD: dict[str, bool] = {}
_IS_WORD_LIMIT = 200_000


def _learn(token: str) -> bool:
    if len(_IS_WORD) >= _IS_WORD_LIMIT:
        _IS_WORD.clear()
    known = _IS_WORD[token] = _TOKEN.search(token) is not None
    return known


def words(text: str) -> list[str]:
    """Segment `text` into words, dropping punctuation and whitespace."""
    seen = _IS_WORD
    # One dict lookup for a token seen before; the regex only for new ones.
    return [word for word in cut(text) if seen.get(word) or (word not in seen and _learn(word))]


def search_terms(text: str) -> list[str]:
    """Words for a full-text index or query: fine-grained, lower-cased, de-duplicated.

    The same function segments both the indexed text and the query, so a
    query word always has the chance to meet the same word in the index.
    """
    _load_user_dictionary()
    seen: dict[str, None] = {}
    for word in rjieba.cut_for_search(text):
        if _TOKEN.search(word):
            seen.setdefault(word.lower(), None)
    return list(seen)
