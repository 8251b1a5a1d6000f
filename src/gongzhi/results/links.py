"""The link from a result back to what it came from.

A source model shows where it lives with `get_absolute_url()`; models that
cannot grow one (a need, owned by another app) are listed in `_ROUTES`.
Whether the title of the source may be shown depends on its `is_public`
flag: an internal topic is named to staff only, so a public result never
leaks the title of an internal source.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from gongzhi.needs.rules import is_staff_user
from gongzhi.people.models import User

# (app_label, model) -> URL name taking the source's primary key.
_ROUTES = {("needs", "need"): "needs:need_detail"}


@dataclass(frozen=True)
class SourceLink:
    kind: str
    title: str
    url: str


def source_url(source) -> str:
    if hasattr(source, "get_absolute_url"):
        return source.get_absolute_url()
    route = _ROUTES.get((source._meta.app_label, source._meta.model_name))
    try:
        return reverse(route, args=[source.pk]) if route else ""
    except NoReverseMatch:
        return ""


def source_link(result, user: User) -> SourceLink | None:
    """What a result came from, as this user may see it; None when it has no source."""
    source = result.source
    if source is None:
        return None
    kind = str(source._meta.verbose_name)
    if getattr(source, "is_public", True) or is_staff_user(user):
        return SourceLink(kind, str(source), source_url(source))
    return SourceLink(kind, "", "")
