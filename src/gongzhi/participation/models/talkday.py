"""Talk days (居民恳谈日): meetings of residents and officials, with registration and minutes."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.needs.models import Need
from gongzhi.places.models import Place


class TalkDay(models.Model):
    """A scheduled face-to-face meeting in a community, with a cap on places."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("报名中")
        HELD = "held", _("已召开")
        CANCELLED = "cancelled", _("已取消")

    topic = models.CharField(_("主题"), max_length=120)
    intro = models.TextField(_("说明"), blank=True)
    community = models.ForeignKey(
        Place,
        verbose_name=_("社区"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": Place.Level.COMMUNITY},
    )
    venue = models.CharField(_("地点"), max_length=120)
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    officials = models.CharField(_("出席领导及部门"), max_length=300, blank=True)
    capacity = models.PositiveIntegerField(_("名额"))
    registered_count = models.PositiveIntegerField(_("已报名"), default=0)
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.SCHEDULED, db_index=True
    )
    minutes = models.TextField(_("会议纪要"), blank=True)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("组织人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = _("居民恳谈日")
        verbose_name_plural = _("居民恳谈日")
        ordering = ["-starts_at", "-id"]
        constraints = [
            # The database itself refuses a registration beyond the cap.
            models.CheckConstraint(
                condition=Q(registered_count__lte=F("capacity")), name="talkday_within_capacity"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="talkday_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.topic

    def get_absolute_url(self) -> str:
        return reverse("participation:talkday_detail", args=[self.pk])

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.registered_count, 0)

    @property
    def is_open_for_registration(self) -> bool:
        return self.status == self.Status.SCHEDULED and self.starts_at > timezone.now()


class Registration(models.Model):
    """One resident's place at a talk day, and whether they came."""

    talk_day = models.ForeignKey(TalkDay, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    registered_at = models.DateTimeField(default=timezone.now)
    attended = models.BooleanField(_("已到场"), default=False)

    class Meta:
        verbose_name = _("报名")
        verbose_name_plural = _("报名")
        ordering = ["registered_at", "id"]
        constraints = [models.UniqueConstraint(fields=["talk_day", "user"], name="register_once")]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.talk_day_id}"


class Concern(models.Model):
    """A concern raised at a talk day, and the need it became."""

    talk_day = models.ForeignKey(TalkDay, on_delete=models.CASCADE, related_name="concerns")
    need = models.OneToOneField(Need, on_delete=models.PROTECT, related_name="talk_day_concern")
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("恳谈诉求")
        verbose_name_plural = _("恳谈诉求")
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.talk_day_id} → {self.need_id}"
