"""Micro-projects (微实事) and participatory budgeting (参与式预算): proposals, rounds, ballots."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.core.models import Searchable
from gongzhi.participation.models.common import still_open
from gongzhi.places.models import Field, Place


class BudgetRound(models.Model):
    """One community's budget (参与式预算) for a year: a cap, a voting period, an allocation."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("筹备中")
        OPEN = "open", _("投票中")
        CLOSED = "closed", _("投票结束")
        ALLOCATED = "allocated", _("已公布结果")

    title = models.CharField(_("名称"), max_length=120)
    community = models.ForeignKey(
        Place,
        verbose_name=_("社区"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": Place.Level.COMMUNITY},
    )
    cap = models.PositiveIntegerField(_("预算总额（元）"))
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    opened_at = models.DateTimeField(_("开始投票"), null=True, blank=True)
    closes_at = models.DateTimeField(_("投票截止"), null=True, blank=True)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    ballot_count = models.PositiveIntegerField(_("选票数"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = _("预算轮次")
        verbose_name_plural = _("预算轮次")
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("participation:round_detail", args=[self.pk])

    @property
    def is_voting(self) -> bool:
        return still_open(self.status == self.Status.OPEN, self.closes_at)


# The allocation rule's verdict in words (see participation/allocation.py).
ALLOCATION_REASONS = {
    "funded": _("得票第%(rank)s，费用%(cost)s元不超过剩余预算%(left)s元，获得资助。"),
    "over_budget": _("得票第%(rank)s，但费用%(cost)s元超过剩余预算%(left)s元，未获资助。"),
    "no_votes": _("没有得票，未获资助。"),
}


class MicroProject(Searchable):
    """A small public project (微实事) a resident proposes for their community."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("待审核")
        FEASIBLE = "feasible", _("审核通过")
        DECLINED = "declined", _("审核未通过")
        FUNDED = "funded", _("获得资助")
        NOT_FUNDED = "not_funded", _("未获资助")
        IN_PROGRESS = "in_progress", _("实施中")
        FINISHED = "finished", _("已验收")

    title = models.CharField(_("项目名称"), max_length=120)
    description = models.TextField(_("项目内容"))
    community = models.ForeignKey(
        Place,
        verbose_name=_("社区"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": Place.Level.COMMUNITY},
    )
    place_text = models.CharField(_("具体位置"), max_length=200, blank=True)
    field = models.ForeignKey(
        Field,
        verbose_name=_("领域"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    estimated_cost = models.PositiveIntegerField(_("估算费用（元）"))
    # The cost staff checked during review; it is what a ballot counts.
    reviewed_cost = models.PositiveIntegerField(_("核定费用（元）"), null=True, blank=True)
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提案人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("提出时间"), default=timezone.now)
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.PROPOSED, db_index=True
    )
    review_note = models.TextField(_("审核意见"), blank=True)
    budget_round = models.ForeignKey(
        BudgetRound,
        verbose_name=_("预算轮次"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
    )
    votes = models.PositiveIntegerField(_("得票"), default=0)
    allocation_rank = models.PositiveSmallIntegerField(_("得票排名"), null=True, blank=True)
    allocation_reason = models.CharField(_("分配说明"), max_length=200, blank=True)
    # The rule's verdict as data ({"reason": code, "rank", "cost", "left"}), so
    # each reader sees it in their own language; see ALLOCATION_REASONS.
    allocation_detail = models.JSONField(_("分配依据"), default=dict, blank=True)
    finished_at = models.DateTimeField(_("验收时间"), null=True, blank=True)
    result = models.ForeignKey(
        "results.Result",
        verbose_name=_("成果"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    is_demo = models.BooleanField(_("演示数据"), default=False)

    SEARCH_FIELDS = ("title", "description")

    class Meta:
        verbose_name = _("微实事")
        verbose_name_plural = _("微实事")
        ordering = ["-proposed_at", "-id"]
        indexes = [models.Index(fields=["community", "status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("participation:project_detail", args=[self.pk])

    @property
    def allocation_text(self) -> str:
        """Why the project was or was not funded, in the interface language."""
        detail = self.allocation_detail or {}
        reason = ALLOCATION_REASONS.get(detail.get("reason", ""))
        if reason is None:
            # Allocations published before the verdict was kept as data.
            return self.allocation_reason
        return str(reason) % detail

    @property
    def cost(self) -> int:
        return self.reviewed_cost if self.reviewed_cost is not None else self.estimated_cost


def project_image_path(instance: "ProjectImage", filename: str) -> str:
    return f"projects/{instance.project_id}/{filename}"


class Milestone(models.Model):
    """A reported step in carrying out a funded project."""

    project = models.ForeignKey(MicroProject, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("进展"), max_length=120)
    note = models.TextField(_("说明"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reported_at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        verbose_name = _("实施进展")
        verbose_name_plural = _("实施进展")
        ordering = ["reported_at", "id"]

    def __str__(self) -> str:
        return self.title


class ProjectImage(models.Model):
    """A photo of a proposal or of a milestone."""

    project = models.ForeignKey(MicroProject, on_delete=models.CASCADE, related_name="images")
    milestone = models.ForeignKey(
        Milestone, on_delete=models.CASCADE, null=True, blank=True, related_name="images"
    )
    image = models.ImageField(_("图片"), upload_to=project_image_path)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("项目图片")
        verbose_name_plural = _("项目图片")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.image.name


class Ballot(models.Model):
    """One verified resident's ballot in a round: the projects they pick, within the cap."""

    budget_round = models.ForeignKey(BudgetRound, on_delete=models.PROTECT, related_name="ballots")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The round's cap, copied here so that the database itself can refuse a
    # ballot whose picks cost more than the budget.
    cap = models.PositiveIntegerField(_("预算总额"))
    total_cost = models.PositiveIntegerField(_("所选项目合计"))
    cast_at = models.DateTimeField(_("投票时间"), default=timezone.now)
    changed_at = models.DateTimeField(_("修改时间"), default=timezone.now)
    projects = models.ManyToManyField(MicroProject, through="BallotChoice", related_name="+")

    class Meta:
        verbose_name = _("选票")
        verbose_name_plural = _("选票")
        constraints = [
            models.UniqueConstraint(fields=["budget_round", "voter"], name="one_ballot_per_voter"),
            models.CheckConstraint(condition=Q(total_cost__lte=F("cap")), name="ballot_within_cap"),
        ]

    def __str__(self) -> str:
        return f"{self.voter_id} @ {self.budget_round_id}"


class BallotChoice(models.Model):
    """One project picked on one ballot."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="choices")
    project = models.ForeignKey(MicroProject, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("所选项目")
        verbose_name_plural = _("所选项目")
        constraints = [models.UniqueConstraint(fields=["ballot", "project"], name="pick_once")]

    def __str__(self) -> str:
        return f"{self.ballot_id} → {self.project_id}"
