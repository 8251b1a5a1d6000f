"""Field spaces: one place per policy field where its citizens' committee members work."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.places.models import Field


class FieldSpace(models.Model):
    """The space (领域议事空间) of one field: its deliberations, surveys and proposals."""

    field = models.OneToOneField(
        Field, verbose_name=_("领域"), on_delete=models.CASCADE, related_name="space"
    )
    intro = models.TextField(_("简介"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    class Meta:
        verbose_name = _("领域空间")
        verbose_name_plural = _("领域空间")
        ordering = ["field__position", "field_id"]

    def __str__(self) -> str:
        return str(self.field)

    def get_absolute_url(self) -> str:
        return reverse("participation:space_detail", args=[self.field.code])


class SpaceFollow(models.Model):
    """A resident who follows a field space and hears of what opens there."""

    space = models.ForeignKey(FieldSpace, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="space_follows"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("关注空间")
        verbose_name_plural = _("关注空间")
        constraints = [models.UniqueConstraint(fields=["space", "user"], name="space_follow_once")]

    def __str__(self) -> str:
        return f"{self.user_id} ⟶ {self.space_id}"
