"""Library items restricted to what a user may see."""

from django.db.models import QuerySet

from gongzhi.library.models import Item
from gongzhi.needs.rules import is_staff_user
from gongzhi.people.models import User


def visible_items(user: User) -> QuerySet[Item]:
    items = Item.objects.select_related("field", "department")
    return items if is_staff_user(user) else items.filter(is_public=True)
