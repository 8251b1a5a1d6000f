"""The activity log of the participation module: who did what to which object, when."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Event(models.Model):
    """One thing that happened to a deliberation, survey, talk day, project, help post or dispute."""

    class Action(models.TextChoices):
        OPEN = "open", _("发起")
        CLOSE = "close", _("结束")
        ROUTE = "route", _("结论转办")
        HIDE = "hide", _("屏蔽")
        PUBLISH = "publish", _("发布")
        REGISTER = "register", _("报名")
        ATTEND = "attend", _("签到")
        MINUTES = "minutes", _("会议纪要")
        CONCERN = "concern", _("记录诉求")
        CANCEL = "cancel", _("取消")
        PROPOSE = "propose", _("提出")
        REVIEW = "review", _("可行性审核")
        ALLOCATE = "allocate", _("计票分配")
        MILESTONE = "milestone", _("实施进展")
        ACCEPT = "accept", _("验收")
        MATCH = "match", _("结对")
        DONE = "done", _("完成")
        THANK = "thank", _("致谢")
        FINDING = "finding", _("现场核实")
        DISPUTE = "dispute", _("登记纠纷")
        HELP = "help", _("协助调处")
        HAND_OFF = "hand_off", _("移交法务")
        RESOLVE = "resolve", _("化解")

    subject_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    action = models.CharField(_("动作"), max_length=16, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participation_events",
    )
    from_status = models.CharField(_("原状态"), max_length=16, blank=True)
    to_status = models.CharField(_("新状态"), max_length=16, blank=True)
    note = models.TextField(_("说明"), blank=True)
    data = models.JSONField(_("数据"), default=dict, blank=True)
    at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        verbose_name = _("参与记录")
        verbose_name_plural = _("参与记录")
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id"]),
            models.Index(fields=["actor", "action"]),
        ]

    def __str__(self) -> str:
        return f"{self.subject_type_id}:{self.subject_id} {self.action} @ {self.at:%Y-%m-%d %H:%M}"
