"""Results (成果库): every outcome of every module, followed from submission to implementation."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.core.models import Searchable, TimelineRecord
from gongzhi.places.models import Department, Field


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("已提交")
    UNDER_REVIEW = "under_review", _("审阅中")
    ADOPTED = "adopted", _("已采纳")
    IMPLEMENTED = "implemented", _("已落地")
    NOT_ADOPTED = "not_adopted", _("未采纳")


# A result counts as adopted once a department took it up, whatever happened next.
ADOPTED = [Status.ADOPTED, Status.IMPLEMENTED]


class Kind(models.TextChoices):
    HEARING_SUMMARY = "hearing_summary", _("专题咨询综述")
    STUDY_REPORT = "study_report", _("调研报告")
    ADVICE = "advice", _("意见建议")
    DELIBERATION = "deliberation", _("协商议事结论")
    MICRO_PROJECT = "micro_project", _("微实事")
    MEDIATION = "mediation", _("调解成果")
    SOLVED_NEED = "solved_need", _("解决的诉求")
    OTHER = "other", _("其他")


class ResultQuerySet(models.QuerySet):
    def public(self) -> "ResultQuerySet":
        return self.filter(is_public=True)

    def adopted(self) -> "ResultQuerySet":
        return self.filter(status__in=ADOPTED)

    def implemented(self) -> "ResultQuerySet":
        return self.filter(status=Status.IMPLEMENTED)


def result_document_path(instance: "Result", filename: str) -> str:
    return f"results/{timezone.now():%Y/%m}/{filename}"


class Result(Searchable):
    """One outcome (成果) of the platform's work, with its adoption by a department."""

    kind = models.CharField(_("类型"), max_length=24, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("标题"), max_length=200)
    summary = models.TextField(_("摘要"))
    field = models.ForeignKey(
        Field,
        verbose_name=_("领域"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="results",
    )
    document = models.FileField(_("成果文件"), upload_to=result_document_path, blank=True)
    is_public = models.BooleanField(_("公开"), default=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    # What the result came from: a topic, a need, a deliberation... Any model
    # may be a source; `links.source_link` turns it into a link back.
    source_type = models.ForeignKey(
        ContentType, verbose_name=_("来源类型"), on_delete=models.PROTECT, null=True, blank=True
    )
    source_id = models.PositiveBigIntegerField(_("来源编号"), null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提交人"),
        on_delete=models.PROTECT,
        related_name="submitted_results",
    )
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now, db_index=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("采纳部门"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="results",
    )
    adopted_at = models.DateTimeField(_("采纳时间"), null=True, blank=True)
    adoption_note = models.TextField(_("采纳方式"), blank=True)
    implemented_at = models.DateTimeField(_("落地时间"), null=True, blank=True)
    evidence = models.TextField(_("落地情况"), blank=True)
    evidence_document = models.FileField(
        _("落地佐证材料"), upload_to=result_document_path, blank=True
    )
    decline_reason = models.TextField(_("未采纳理由"), blank=True)
    contributors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Contribution",
        verbose_name=_("贡献者"),
        related_name="results",
    )
    is_demo = models.BooleanField(_("演示数据"), default=False)
    SEARCH_FIELDS = ("title", "summary")
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = ResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("成果")
        verbose_name_plural = _("成果")
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["source_type", "source_id"]),
            models.Index(fields=["is_public", "status"]),
            models.Index(fields=["department", "status"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("results:result_detail", args=[self.pk])

    @property
    def is_adopted(self) -> bool:
        return self.status in ADOPTED


class Contribution(models.Model):
    """A person's part in a result: who led it, who wrote it, who took part."""

    class Role(models.TextChoices):
        LEAD = "lead", _("牵头人")
        AUTHOR = "author", _("执笔人")
        MEMBER = "member", _("参与者")

    result = models.ForeignKey(
        Result, verbose_name=_("成果"), on_delete=models.CASCADE, related_name="contributions"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("贡献者"),
        on_delete=models.PROTECT,
        related_name="contributions",
    )
    role = models.CharField(_("角色"), max_length=16, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        verbose_name = _("成果贡献者")
        verbose_name_plural = _("成果贡献者")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["result", "user"], name="contribution_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.result_id} ({self.role})"


class ResultEvent(TimelineRecord):
    """One step in a result's life: who moved it, from which state to which, when."""

    class Action(models.TextChoices):
        SUBMIT = "submit", _("提交")
        REVIEW = "review", _("开始审阅")
        ADOPT = "adopt", _("采纳")
        IMPLEMENT = "implement", _("落地")
        DECLINE = "decline", _("不予采纳")

    result = models.ForeignKey(
        Result, verbose_name=_("成果"), on_delete=models.CASCADE, related_name="timeline"
    )
    action = models.CharField(_("动作"), max_length=16, choices=Action.choices)
    from_status = models.CharField(_("原状态"), max_length=16, choices=Status.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=16, choices=Status.choices, blank=True)

    class Meta:
        verbose_name = _("成果记录")
        verbose_name_plural = _("成果记录")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.result_id} {self.action} @ {self.at:%Y-%m-%d %H:%M}"
