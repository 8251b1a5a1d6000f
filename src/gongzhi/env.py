"""One small typed accessor for settings that come from the environment.

Every setting the deployment may change is read here, once, at start-up, so
a wrong value fails loudly before the first request instead of in the middle
of one.
"""

import os
from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ImproperlyConfigured

T = TypeVar("T")

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _parse_bool(raw: str) -> bool:
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"expected one of {sorted(_TRUE | _FALSE)}")


def _parse_list(raw: str) -> list[str]:
    return [item.strip() for item in raw.split(",") if item.strip()]


def get(name: str, default: T, parse: Callable[[str], T] = str) -> T:  # type: ignore[assignment]
    """Read `name` from the environment, parsed by `parse`, or return `default`."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return parse(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name}={raw!r} is not valid: {error}") from error


def get_bool(name: str, default: bool) -> bool:
    return get(name, default, _parse_bool)


def get_int(name: str, default: int) -> int:
    return get(name, default, int)


def get_list(name: str, default: list[str]) -> list[str]:
    return get(name, default, _parse_list)


def require(name: str) -> str:
    """Read a value that production cannot run without."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        raise ImproperlyConfigured(f"{name} must be set when GONGZHI_ENV=production")
    return raw
