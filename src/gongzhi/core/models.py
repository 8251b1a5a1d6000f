"""Platform-wide configuration that the district edits as data."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.core.search import index_text


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


class Searchable(models.Model):
    """A model whose `SEARCH_FIELDS` are kept segmented in `search_words` for `core.search`.

    Segmenting is the costly part of a save, so it runs only when one of the
    searched fields changed since the row was loaded: a status change leaves
    the index words as they were.
    """

    SEARCH_FIELDS: tuple[str, ...] = ()

    search_words = models.TextField(editable=False, blank=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        text = self.search_parts()
        if getattr(self, "_indexed_text", None) != text:
            self.search_words = index_text(*text)
            self._indexed_text = text
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "search_words"}
        super().save(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        if all(name in instance.__dict__ for name in cls.SEARCH_FIELDS):
            instance._indexed_text = instance.search_parts()
        return instance

    def search_parts(self) -> tuple[str, ...]:
        """The texts to index; a model may override this (e.g. to leave hidden text out)."""
        return tuple(getattr(self, name) or "" for name in self.SEARCH_FIELDS)


class TimelineRecord(models.Model):
    """One step in the life of something: who did it, when, with what note and data.

    Each module's timeline adds what it is the timeline of, its own action
    names and, where there is a lifecycle, the states before and after.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    note = models.TextField(_("说明"), blank=True)
    data = models.JSONField(_("数据"), default=dict, blank=True)
    at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        abstract = True
