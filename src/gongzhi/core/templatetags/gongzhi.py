from django import template

from gongzhi.core.privacy import redact as redact_text

register = template.Library()


@register.filter
def redact(value: str) -> str:
    """Mask personal numbers in text shown to anyone but its author."""
    return redact_text(str(value or ""))
