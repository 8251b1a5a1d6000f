"""Platform-wide configuration that the district edits as data."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Holiday(models.Model):
    """A day that breaks the Monday-to-Friday rule: a public holiday or a swapped working weekend."""

    date = models.DateField(_("日期"), unique=True)
    name = models.CharField(_("名称"), max_length=50)
    # China moves working days around holidays (调休): some Saturdays and
    # Sundays are working days, so a row can also turn a weekend day on.
    is_working_day = models.BooleanField(_("调休上班"), default=False)

    class Meta:
        verbose_name = _("节假日与调休")
        verbose_name_plural = _("节假日与调休")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"
