"""Scrubbing personal details out of text that leaves the platform.

Residents often type their phone or ID-card number into a message. Public
pages, lists, search results, exports and the API show text only after it
has passed through `redact`.
"""

import re

_PATTERNS = [
    # Mainland ID cards: 17 digits and a digit or X; and the old 15-digit form.
    (
        re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])|(?<!\d)\d{15}(?!\d)"),
        "[身份证号已隐藏]",
    ),
    # Mobiles, with or without +86 (joined or not) and separators.
    (re.compile(r"(?<!\d)(?:\+?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}(?!\d)"), "[电话已隐藏]"),
    # Landlines with an area code, bare or in brackets, the number whole or
    # split in two; and 400/800 numbers.
    (
        re.compile(
            r"(?<!\d)(?:(?:\(0\d{2,3}\)\s?|0\d{2,3}[-\s]?)\d{3,4}[-\s]?\d{4}"
            r"|[48]00[-\s]?\d{3}[-\s]?\d{4})(?!\d)"
        ),
        "[电话已隐藏]",
    ),
    # ASCII only: with Unicode \w the address would swallow the Chinese
    # words written right before and after it.
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.ASCII), "[邮箱已隐藏]"),
    # Bank cards and other long numbers.
    (re.compile(r"(?<!\d)\d{12,}(?!\d)"), "[号码已隐藏]"),
]

# Chinese input methods often type full-width digits and brackets. Matching
# runs on a copy folded to ASCII; the folding maps one character to one, so
# a match's position in the copy is its position in the original text.
_FOLD = str.maketrans("０１２３４５６７８９＋－（）", "0123456789+-()")


# The shipped data sets were scrubbed with English placeholders; residents
# read them as the same plain Chinese notes.
_DATA_PLACEHOLDERS = {
    "<PHONE>": "[电话已隐藏]",
    "<IDCARD>": "[身份证号已隐藏]",
    "<EMAIL>": "[邮箱已隐藏]",
    "<PLATE>": "[车牌已隐藏]",
    "<LONGNUM>": "[号码已隐藏]",
    "<NAME>": "[姓名已隐藏]",
}


def redact(text: str) -> str:
    """`text` with phone numbers, ID-card numbers, e-mail addresses and long numbers masked."""
    if not text:
        return text
    for pattern, mask in _PATTERNS:
        text = _mask(pattern, mask, text)
    for placeholder, note in _DATA_PLACEHOLDERS.items():
        text = text.replace(placeholder, note)
    return text


def _mask(pattern: re.Pattern, mask: str, text: str) -> str:
    pieces, end = [], 0
    for match in pattern.finditer(text.translate(_FOLD)):
        pieces += [text[end : match.start()], mask]
        end = match.end()
    pieces.append(text[end:])
    return "".join(pieces)
