"""The opinion map of a deliberation: short statements, agree/disagree/pass votes, computed groups."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.participation.models.common import Moderated
from gongzhi.participation.models.deliberation import Deliberation


class StatementQuerySet(models.QuerySet):
    def shown(self) -> "StatementQuerySet":
        return self.filter(is_hidden=False)


class Statement(Moderated):
    """A short opinion a participant puts up for everyone else to agree or disagree with."""

    deliberation = models.ForeignKey(
        Deliberation, on_delete=models.CASCADE, related_name="statements"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提出人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = models.CharField(_("观点"), max_length=140)
    created_at = models.DateTimeField(_("时间"), default=timezone.now)

    objects = StatementQuerySet.as_manager()

    class Meta:
        verbose_name = _("观点")
        verbose_name_plural = _("观点")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text


class Vote(models.Model):
    """One person's agree (1), disagree (-1) or pass (0) on one statement."""

    class Value(models.IntegerChoices):
        AGREE = 1, _("同意")
        PASS = 0, _("跳过")
        DISAGREE = -1, _("不同意")

    # Kept on the vote so that the vote matrix of a deliberation is one
    # indexed read, without joining the statements.
    deliberation = models.ForeignKey(Deliberation, on_delete=models.CASCADE, related_name="+")
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    value = models.SmallIntegerField(_("表态"), choices=Value.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("表态")
        verbose_name_plural = _("表态")
        constraints = [
            models.UniqueConstraint(fields=["statement", "user"], name="vote_once"),
            models.CheckConstraint(condition=Q(value__in=[-1, 0, 1]), name="vote_value"),
        ]
        indexes = [models.Index(fields=["deliberation", "user"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.value:+d} {self.statement_id}"


class OpinionMap(models.Model):
    """The last computed opinion groups of a deliberation, and the vote count they reflect."""

    deliberation = models.OneToOneField(
        Deliberation, on_delete=models.CASCADE, related_name="opinion_map"
    )
    vote_count = models.PositiveIntegerField(_("计算时表态数"), default=0)
    participant_count = models.PositiveIntegerField(_("参与人数"), default=0)
    # The output of `opinion_math.compute`, as plain JSON: points, groups,
    # per-statement tallies, consensus and divisive statement ids.
    data = models.JSONField(_("结果"), default=dict)
    computed_at = models.DateTimeField(_("计算时间"), default=timezone.now)
    seconds = models.FloatField(_("耗时（秒）"), default=0)

    class Meta:
        verbose_name = _("观点地图")
        verbose_name_plural = _("观点地图")

    def __str__(self) -> str:
        return f"{self.deliberation_id} @ {self.vote_count}"
