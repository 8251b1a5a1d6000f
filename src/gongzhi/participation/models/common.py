"""Behaviour that several participation models share."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def still_open(is_open_status: bool, closes_at) -> bool:
    """Open in status and not past its closing time, if it has one."""
    return is_open_status and not (closes_at and closes_at <= timezone.now())


class Moderated(models.Model):
    """Text that a moderator can hide, with a reason; hidden text leaves every list and export."""

    is_hidden = models.BooleanField(_("已屏蔽"), default=False)
    hidden_reason = models.CharField(_("屏蔽理由"), max_length=200, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("屏蔽人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    hidden_at = models.DateTimeField(_("屏蔽时间"), null=True, blank=True)

    class Meta:
        abstract = True
