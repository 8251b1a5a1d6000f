"""Surveys (民意收集): questionnaires for an audience, answered once per person."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.participation.models.common import still_open
from gongzhi.participation.models.spaces import FieldSpace
from gongzhi.places.models import Field, Place


class Survey(models.Model):
    """A questionnaire put to one audience, optionally anonymous, open for a while."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        OPEN = "open", _("征集中")
        CLOSED = "closed", _("已结束")

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("所有居民")
        COMMUNITY = "community", _("本社区居民")
        FIELD = "field", _("本领域市民委员")

    title = models.CharField(_("标题"), max_length=120)
    intro = models.TextField(_("说明"), blank=True)
    space = models.ForeignKey(
        FieldSpace,
        verbose_name=_("领域空间"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="surveys",
    )
    audience = models.CharField(
        _("调查对象"), max_length=16, choices=Audience.choices, default=Audience.EVERYONE
    )
    community = models.ForeignKey(
        Place,
        verbose_name=_("社区"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"level": Place.Level.COMMUNITY},
    )
    field = models.ForeignKey(
        Field,
        verbose_name=_("领域"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    is_anonymous = models.BooleanField(_("匿名调查"), default=False)
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发起人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    closes_at = models.DateTimeField(_("截止时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    response_count = models.PositiveIntegerField(_("答卷数"), default=0)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = _("问卷调查")
        verbose_name_plural = _("问卷调查")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(audience="everyone")
                    | Q(audience="community", community__isnull=False)
                    | Q(audience="field", field__isnull=False)
                ),
                name="survey_audience_named",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("participation:survey_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return still_open(self.status == self.Status.OPEN, self.closes_at)


class Question(models.Model):
    """One question of a survey: single or multiple choice, a scale, or free text."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("单选")
        MULTIPLE = "multiple", _("多选")
        SCALE = "scale", _("打分")
        TEXT = "text", _("填空")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("序号"), default=0)
    kind = models.CharField(_("题型"), max_length=16, choices=Kind.choices)
    text = models.CharField(_("题目"), max_length=200)
    is_required = models.BooleanField(_("必答"), default=True)
    scale_max = models.PositiveSmallIntegerField(_("最高分"), default=5)

    class Meta:
        verbose_name = _("题目")
        verbose_name_plural = _("题目")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class Choice(models.Model):
    """One option of a choice question."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveSmallIntegerField(_("序号"), default=0)
    text = models.CharField(_("选项"), max_length=100)

    class Meta:
        verbose_name = _("选项")
        verbose_name_plural = _("选项")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class Receipt(models.Model):
    """The fact that a person has answered a survey: one per person, kept apart from the answers."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="receipts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # The day only: an exact time would let anyone match it to an answer sheet.
    answered_on = models.DateField(_("作答日期"))

    class Meta:
        verbose_name = _("作答记录")
        verbose_name_plural = _("作答记录")
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="one_response_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} ✓ {self.survey_id}"


class Response(models.Model):
    """One filled-in answer sheet. In an anonymous survey nothing in it points to its author."""

    # A random key rather than a counter: in an anonymous survey the order of
    # the sheets must not line up with the order of the receipts.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("答卷人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_on = models.DateField(_("作答日期"))

    class Meta:
        verbose_name = _("答卷")
        verbose_name_plural = _("答卷")
        ordering = ["answered_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent"],
                condition=Q(respondent__isnull=False),
                name="one_named_response_per_person",
            ),
        ]

    def __str__(self) -> str:
        return str(self.id)


class Answer(models.Model):
    """The answer to one question on one sheet; a multiple choice gives one row per option picked."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choice = models.ForeignKey(
        Choice, on_delete=models.CASCADE, null=True, blank=True, related_name="answers"
    )
    number = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("回答")
        verbose_name_plural = _("回答")
        indexes = [models.Index(fields=["question", "choice"])]

    def __str__(self) -> str:
        return f"{self.response_id}/{self.question_id}"
