"""Deliberation (协商议事) on a public need: stances, ratings, threaded comments, a conclusion."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.core.models import Searchable
from gongzhi.needs.models import Need
from gongzhi.participation.models.common import Moderated
from gongzhi.participation.models.spaces import FieldSpace


class Deliberation(Searchable):
    """A structured discussion of one public need that ends in a recorded, routed conclusion."""

    class Status(models.TextChoices):
        OPEN = "open", _("议事中")
        CLOSED = "closed", _("已形成结论")

    class Outcome(models.TextChoices):
        NONE = "none", _("仅记录结论")
        NEED = "need", _("转部门办理")
        PROPOSAL = "proposal", _("形成微实事提案")
        RESULT = "result", _("报送成果库")

    need = models.OneToOneField(
        Need, verbose_name=_("议题诉求"), on_delete=models.PROTECT, related_name="deliberation"
    )
    space = models.ForeignKey(
        FieldSpace,
        verbose_name=_("领域空间"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deliberations",
    )
    question = models.CharField(_("议题"), max_length=200)
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发起人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("发起时间"), default=timezone.now)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    conclusion = models.TextField(_("结论"), blank=True)
    outcome = models.CharField(
        _("结论去向"), max_length=16, choices=Outcome.choices, default=Outcome.NONE
    )
    routed_need = models.ForeignKey(
        Need,
        verbose_name=_("转办诉求"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    routed_project = models.ForeignKey(
        "participation.MicroProject",
        verbose_name=_("微实事提案"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    routed_result = models.ForeignKey(
        "results.Result",
        verbose_name=_("成果"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    support_count = models.PositiveIntegerField(_("支持数"), default=0)
    oppose_count = models.PositiveIntegerField(_("反对数"), default=0)
    rating_count = models.PositiveIntegerField(_("评分人数"), default=0)
    rating_total = models.PositiveIntegerField(_("评分合计"), default=0)
    # Bumped with every vote on a statement: the opinion map is recomputed
    # when the count it was computed for differs.
    vote_count = models.PositiveIntegerField(_("表态数"), default=0)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    SEARCH_FIELDS = ("question", "conclusion")

    class Meta:
        verbose_name = _("协商议事")
        verbose_name_plural = _("协商议事")
        ordering = ["-opened_at", "-id"]

    def __str__(self) -> str:
        return self.question

    def get_absolute_url(self) -> str:
        return reverse("participation:deliberation_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_public(self) -> bool:
        return self.need.is_public

    @property
    def average_rating(self) -> float | None:
        return self.rating_total / self.rating_count if self.rating_count else None


class Stance(models.Model):
    """One person's support for or opposition to what a deliberation is about."""

    class Side(models.TextChoices):
        SUPPORT = "support", _("支持")
        OPPOSE = "oppose", _("反对")

    deliberation = models.ForeignKey(Deliberation, on_delete=models.CASCADE, related_name="stances")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    side = models.CharField(_("立场"), max_length=8, choices=Side.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("立场")
        verbose_name_plural = _("立场")
        constraints = [
            models.UniqueConstraint(fields=["deliberation", "user"], name="stance_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.side} {self.deliberation_id}"


class DeliberationRating(models.Model):
    """One person's rating, one to five, of how much the matter deserves to be acted on."""

    deliberation = models.ForeignKey(Deliberation, on_delete=models.CASCADE, related_name="ratings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(_("评分"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("评分")
        verbose_name_plural = _("评分")
        constraints = [
            models.UniqueConstraint(fields=["deliberation", "user"], name="rating_once"),
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="rating_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.score} {self.deliberation_id}"


class CommentQuerySet(models.QuerySet):
    def shown(self) -> "CommentQuerySet":
        return self.filter(is_hidden=False)


class Comment(Moderated, Searchable):
    """A remark in a deliberation, marked for or against, possibly answering another."""

    class Side(models.TextChoices):
        FOR = "for", _("赞成")
        AGAINST = "against", _("反对")
        NEUTRAL = "neutral", _("中立")

    deliberation = models.ForeignKey(
        Deliberation, on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("回复"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发言人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    side = models.CharField(_("观点"), max_length=8, choices=Side.choices, default=Side.NEUTRAL)
    body = models.TextField(_("内容"))
    created_at = models.DateTimeField(_("时间"), default=timezone.now)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("议事发言")
        verbose_name_plural = _("议事发言")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["deliberation", "is_hidden"])]

    def __str__(self) -> str:
        return f"{self.deliberation_id}#{self.pk}"

    def search_parts(self) -> tuple[str, ...]:
        # Hidden text is dropped from the search index, so no search can find it.
        return () if self.is_hidden else (self.body,)
