"""Joining the three bodies: applications, appointment for a term, renewal and end of term."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.people.models import Body, Member
from gongzhi.places.models import Field, Place


class Application(models.Model):
    """A resident's or professional's application to join one of the three bodies."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("待审核")
        APPOINTED = "appointed", _("已聘任")
        DECLINED = "declined", _("未通过")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申请人"),
        on_delete=models.CASCADE,
        related_name="membership_applications",
    )
    body = models.CharField(_("申请加入"), max_length=16, choices=Body.choices)
    fields = models.ManyToManyField(Field, verbose_name=_("特色领域"), related_name="+")
    expertise = models.TextField(_("专长与经历"))
    sector = models.CharField(_("界别"), max_length=16, choices=Member.Sector.choices)
    affiliation = models.CharField(_("工作单位"), max_length=100, blank=True)
    title = models.CharField(_("职称/职务"), max_length=50, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("出生年份"))
    community = models.ForeignKey(
        Place,
        verbose_name=_("联系社区"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("申请时间"), default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    decline_reason = models.TextField(_("未通过理由"), blank=True)
    member = models.ForeignKey(
        Member,
        verbose_name=_("成员"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = _("入会申请")
        verbose_name_plural = _("入会申请")
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} → {self.get_body_display()}"

    def get_absolute_url(self) -> str:
        return reverse("membership:application_detail", args=[self.pk])
