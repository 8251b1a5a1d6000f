"""Text normalisation: one canonical form for every message before it is used.

The steps run in a fixed order: fold full-width characters to half-width,
convert traditional characters to simplified, replace personal details with
the placeholders the shipped data sets use, and collapse whitespace.
"""

import re
from functools import lru_cache

import opencc

# Placeholders exactly as the data sets spell them, so text scrubbed here and
# text scrubbed upstream look the same to the models.
PHONE = "<PHONE>"
IDCARD = "<IDCARD>"
EMAIL = "<EMAIL>"
PLATE = "<PLATE>"
LONGNUM = "<LONGNUM>"
PLACEHOLDERS = (PHONE, IDCARD, EMAIL, PLATE, LONGNUM, "<NAME>")

# Full-width ASCII variants (U+FF01..U+FF5E) sit at a fixed offset from ASCII.
_WIDTH_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH_FOLD[0x3000] = 0x20

_WHITESPACE = re.compile(r"(?:_x000D_|[\s\u200b\u200c\u200d\ufeff\u00a0])+")

_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PLATE = re.compile(rf"[{_PROVINCES}][A-Z][·.\- ]?[A-HJ-NP-Z0-9]{{5,6}}(?![A-Za-z0-9])")
# Every run of digits (with masks `*`, dashes and an optional +86) is a
# candidate number; `_number_placeholder` decides what it is. One scan with a
# pattern that starts with a character class is much faster than one scan
# per kind of number with look-behinds.
_NUMBER = re.compile(r"\+?[\d*]+(?:-[\d*]+)*[Xx]?")
_MOBILE = re.compile(r"(?:86)?1[3-9]\d[\d*]{4}\d{4}")
_PHONE_WORD = re.compile(r"(?:电话|手机|联系|拨打|热线|号码)\D{0,6}$")
_FULL_WIDTH = re.compile(r"[\uff01-\uff5e\u3000]")


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def fold_width(text: str) -> str:
    """Map full-width letters, digits, punctuation and the ideographic space to ASCII."""
    # Only a few characters of a message are full width; replacing just those
    # is several times faster than translating every character.
    return _FULL_WIDTH.sub(lambda match: match.group().translate(_WIDTH_FOLD), text)


def to_simplified(text: str) -> str:
    """Convert traditional Chinese characters to simplified ones."""
    return _converter().convert(text)


def to_traditional(text: str) -> str:
    """Convert simplified Chinese characters to traditional ones (for display only)."""
    return _traditional_converter().convert(text)


@lru_cache(maxsize=1)
def _traditional_converter() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def scrub(text: str) -> str:
    """Replace phone numbers, ID numbers, e-mail addresses and licence plates by placeholders."""
    # Chinese characters count as \w, so the e-mail pattern would rescan every
    # long run of text; skip it when there is no @ at all.
    if "@" in text:
        text = _EMAIL.sub(EMAIL, text)
    text = _PLATE.sub(PLATE, text)
    return _NUMBER.sub(lambda match: _number_placeholder(match, text), text)


def _number_placeholder(match: re.Match[str], text: str) -> str:
    """The placeholder for one run of digits, or the run itself when it is no personal number."""
    span = match.group()
    digits = "".join(char for char in span if char.isdigit() or char == "*")
    if len(digits) < 7:
        return span
    if len(digits) in (15, 18) or (len(digits) == 17 and span[-1] in "Xx"):
        return IDCARD
    if _MOBILE.fullmatch(digits):
        return PHONE
    # Landlines need an area code to be told apart from amounts and case
    # numbers; bare local numbers count only right after a phone word.
    if digits[0] == "0" and 10 <= len(digits) <= 12:
        return PHONE
    if len(digits) >= 12:
        return LONGNUM
    if digits[:3] in ("400", "800") and len(digits) == 10:
        return PHONE
    if len(digits) <= 8 and _PHONE_WORD.search(text, max(0, match.start() - 8), match.start()):
        return PHONE
    return span


def collapse_whitespace(text: str) -> str:
    """Collapse every run of whitespace (incl. zero-width and Excel's _x000D_) to one space."""
    return _WHITESPACE.sub(" ", text).strip()


def normalize(text: str) -> str:
    """Return the canonical form of `text` that every model and index works on."""
    if not text:
        return ""
    text = fold_width(text)
    text = to_simplified(text)
    text = scrub(text)
    return collapse_whitespace(text)
