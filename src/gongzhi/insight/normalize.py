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

# Order matters: e-mail before digits, 18-digit ID numbers before the long-number
# rule, and mobile numbers before the generic landline pattern.
_SCRUBBERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), EMAIL),
    (re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)|(?<!\d)\d{15}(?!\d)"), IDCARD),
    (re.compile(r"(?<!\d)\d{16,}(?!\d)|(?<!\d)\d{12,14}(?!\d)"), LONGNUM),
    (
        re.compile(r"(?<![0-9A-Za-z])(?:\+?86[- ]?)?1[3-9]\d[- ]?(?:\d{4}|\*{4})[- ]?\d{4}(?!\d)"),
        PHONE,
    ),
    (re.compile(r"(?<!\d)[48]00[- ]?\d{3}[- ]?\d{4}(?!\d)"), PHONE),
    (re.compile(rf"[{_PROVINCES}][A-Z][·.\- ]?[A-HJ-NP-Z0-9]{{5,6}}(?![A-Za-z0-9])"), PLATE),
)

# Landlines need an area code to be told apart from other 7-8 digit numbers
# (amounts, case numbers); bare local numbers are scrubbed only after a
# phone word, as the data sets were.
_LANDLINE = re.compile(r"(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)")
_PHONE_WORD = re.compile(r"((?:电话|手机|联系|拨打|热线|号码)[^\d]{0,6})\d{7,8}(?!\d)")


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def fold_width(text: str) -> str:
    """Map full-width letters, digits, punctuation and the ideographic space to ASCII."""
    return text.translate(_WIDTH_FOLD)


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
    for pattern, placeholder in _SCRUBBERS:
        text = pattern.sub(placeholder, text)
    text = _LANDLINE.sub(PHONE, text)
    return _PHONE_WORD.sub(lambda match: match.group(1) + PHONE, text)


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
