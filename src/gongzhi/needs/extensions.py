"""Links that other modules add to a need's page, without the needs app importing them.

A module registers a function in its AppConfig.ready(); the function gets
the user and the need and returns a (label, url) pair, or None when that
user may not follow the link.
"""

from collections.abc import Callable

from gongzhi.needs.models import Need
from gongzhi.people.models import User

NeedLink = Callable[[User, Need], tuple[str, str] | None]

_need_links: list[NeedLink] = []


def register_need_link(link: NeedLink) -> None:
    if link not in _need_links:
        _need_links.append(link)


def need_links(user: User, need: Need) -> list[tuple[str, str]]:
    """The extra actions offered to `user` on the page of `need`."""
    return [found for link in _need_links if (found := link(user, need))]
