"""Neighbour help (邻里互助): offers and requests in a community, matched by kind."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.places.models import Place


class HelpPost(models.Model):
    """A neighbour's offer of help, or request for it, of one kind in one community."""

    class Direction(models.TextChoices):
        OFFER = "offer", _("我能帮")
        REQUEST = "request", _("我需要")

    class Kind(models.TextChoices):
        ERRANDS = "errands", _("跑腿代办")
        COMPANIONSHIP = "companionship", _("陪伴老人")
        REPAIRS = "repairs", _("家庭维修")
        CHILDCARE = "childcare", _("照看孩子")

    class Status(models.TextChoices):
        OPEN = "open", _("等待结对")
        MATCHED = "matched", _("已结对")
        DONE = "done", _("已完成")
        WITHDRAWN = "withdrawn", _("已撤回")

    direction = models.CharField(_("类型"), max_length=8, choices=Direction.choices)
    kind = models.CharField(_("互助类别"), max_length=16, choices=Kind.choices)
    community = models.ForeignKey(
        Place,
        verbose_name=_("社区"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": Place.Level.COMMUNITY},
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("标题"), max_length=80)
    body = models.TextField(_("说明"), blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    created_at = models.DateTimeField(_("发布时间"), default=timezone.now)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = _("互助信息")
        verbose_name_plural = _("互助信息")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["community", "kind", "status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("participation:help_detail", args=[self.pk])


class HelpMatch(models.Model):
    """A request paired with an offer: done when the asker says so, then thanked."""

    request = models.OneToOneField(
        HelpPost, on_delete=models.PROTECT, related_name="match_as_request"
    )
    offer = models.ForeignKey(HelpPost, on_delete=models.PROTECT, related_name="matches_as_offer")
    matched_at = models.DateTimeField(_("结对时间"), default=timezone.now)
    done_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    thanks = models.CharField(_("感谢的话"), max_length=200, blank=True)
    thanked_at = models.DateTimeField(_("致谢时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("互助结对")
        verbose_name_plural = _("互助结对")
        constraints = [
            models.CheckConstraint(condition=~Q(request=models.F("offer")), name="match_two_posts"),
        ]

    def __str__(self) -> str:
        return f"{self.request_id} ⇄ {self.offer_id}"
