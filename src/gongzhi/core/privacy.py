"""Scrubbing personal details out of text that leaves the platform.

Residents often type their phone or ID-card number into a message. Public
pages, lists, search results, exports and the API show text only after it
has passed through `redact`.
"""

import re

_PATTERNS = [
    # Mainland ID cards: 17 digits and a digit or X; and the old 15-digit form.
    (re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])|(?<!\d)\d{15}(?!\d)"), "<身份证号>"),
    # Mobiles, with or without +86 and separators.
    (re.compile(r"(?:\+?86[-\s]?)?(?<!\d)1[3-9]\d(?:[-\s]?\d{4}){2}(?!\d)"), "<电话>"),
    # Landlines with an area code, and 400/800 numbers.
    (re.compile(r"(?<!\d)(?:0\d{2,3}[-\s]?\d{7,8}|[48]00[-\s]?\d{3}[-\s]?\d{4})(?!\d)"), "<电话>"),
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "<邮箱>"),
    # Bank cards and other long numbers.
    (re.compile(r"(?<!\d)\d{12,}(?!\d)"), "<长数字>"),
]


def redact(text: str) -> str:
    """`text` with phone numbers, ID-card numbers, e-mail addresses and long numbers masked."""
    if not text:
        return text
    for pattern, mask in _PATTERNS:
        text = pattern.sub(mask, text)
    return text
