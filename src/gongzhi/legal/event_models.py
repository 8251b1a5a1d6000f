"""Legal-education events (法治宣传): talks, stalls, lectures and online sessions."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.people.models import Member
from gongzhi.places.models import Place


class EventStatus(models.TextChoices):
    PLANNED = "planned", _("报名中")
    HELD = "held", _("已举办")
    CANCELLED = "cancelled", _("已取消")


class OutreachEvent(models.Model):
    """A legal-education event (法治宣传活动) in a community, with registration and attendance."""

    class Form(models.TextChoices):
        TALK = "talk", _("法治讲座")
        STALL = "stall", _("普法摆摊")
        LECTURE = "lecture", _("专题授课")
        ONLINE = "online", _("线上直播")

    topic = models.CharField(_("主题"), max_length=100)
    description = models.TextField(_("活动介绍"), blank=True)
    community = models.ForeignKey(
        Place,
        verbose_name=_("社区"),
        on_delete=models.PROTECT,
        related_name="outreach_events",
        limit_choices_to={"level": Place.Level.COMMUNITY},
    )
    form = models.CharField(_("形式"), max_length=16, choices=Form.choices)
    venue = models.CharField(_("地点或链接"), max_length=200)
    starts_at = models.DateTimeField(_("开始时间"), db_index=True)
    ends_at = models.DateTimeField(_("结束时间"))
    capacity = models.PositiveIntegerField(
        _("名额"), null=True, blank=True, help_text=_("不填为不限")
    )
    organisers = models.ManyToManyField(
        Member, verbose_name=_("主讲特派员"), related_name="outreach_events", blank=True
    )
    status = models.CharField(
        _("状态"), max_length=16, choices=EventStatus.choices, default=EventStatus.PLANNED
    )
    # Everyone who came, walk-ins included; registrations marked attended are a part of it.
    attendance = models.PositiveIntegerField(_("参加人数"), null=True, blank=True)
    summary = models.TextField(_("活动小结"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = _("法治宣传活动")
        verbose_name_plural = _("法治宣传活动")
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.topic

    def get_absolute_url(self) -> str:
        return reverse("legal:event_detail", args=[self.pk])


class EventRegistration(models.Model):
    """A resident's registration for an event, and whether they came."""

    event = models.ForeignKey(
        OutreachEvent,
        verbose_name=_("活动"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("报名人"),
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    registered_at = models.DateTimeField(_("报名时间"), default=timezone.now)
    attended = models.BooleanField(_("已到场"), default=False)

    class Meta:
        verbose_name = _("活动报名")
        verbose_name_plural = _("活动报名")
        ordering = ["registered_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="event_registration_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.event_id}"


def event_file_path(instance, filename: str) -> str:
    return f"legal/events/{instance.event_id}/{filename}"


class EventPhoto(models.Model):
    """A photo of an event, shown on its public page."""

    event = models.ForeignKey(
        OutreachEvent, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(_("照片"), upload_to=event_file_path)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)

    class Meta:
        verbose_name = _("活动照片")
        verbose_name_plural = _("活动照片")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.image.name


class EventMaterial(models.Model):
    """A handout or slide deck of an event; it is also published to the information library."""

    event = models.ForeignKey(
        OutreachEvent, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="materials"
    )
    title = models.CharField(_("名称"), max_length=100)
    file = models.FileField(_("文件"), upload_to=event_file_path)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)
    # The library entry it was published as, once the library took it in.
    library_ref = models.CharField(_("信息库条目"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("活动资料")
        verbose_name_plural = _("活动资料")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title
