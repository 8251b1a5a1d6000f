"""Decision consultation (决策征询): topic lists, and the three ways experts work a topic.

A topic (课题) sits on the yearly topic list (课题清单). Staff work it by a
hearing (专题咨询: written opinions by a deadline, or a meeting), by a study
(点题调研: named experts deliver a plan, an interim and a final report), or
take it in from an expert's advice (荐题献策). Each way ends in a result in
the results database (`gongzhi.results`).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.core.models import Searchable
from gongzhi.people.models import Member
from gongzhi.places.models import Department, Field
from gongzhi.results.models import Result


class ConsultationPolicy(models.Model):
    """The district's deadlines for consultation work, in working days."""

    opinion_within_days = models.PositiveSmallIntegerField(_("书面意见时限（工作日）"), default=10)
    plan_within_days = models.PositiveSmallIntegerField(_("调研方案时限（工作日）"), default=10)
    interim_within_days = models.PositiveSmallIntegerField(_("中期报告时限（工作日）"), default=30)
    final_within_days = models.PositiveSmallIntegerField(_("最终报告时限（工作日）"), default=60)
    advice_review_within_days = models.PositiveSmallIntegerField(
        _("献策审核时限（工作日）"), default=10
    )

    class Meta:
        verbose_name = _("征询规则")
        verbose_name_plural = _("征询规则")

    def __str__(self) -> str:
        return str(_("征询规则"))

    @classmethod
    def current(cls) -> "ConsultationPolicy":
        policy, _created = cls.objects.get_or_create(pk=1)
        return policy


class TopicList(models.Model):
    """The yearly list of questions the district wants studied (课题清单)."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    title = models.CharField(_("名称"), max_length=100)
    description = models.TextField(_("说明"), blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = _("课题清单")
        verbose_name_plural = _("课题清单")
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.title


class Topic(Searchable):
    """One question on a topic list (课题), owned by a department."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("待开展")
        IN_PROGRESS = "in_progress", _("开展中")
        CONCLUDED = "concluded", _("已形成成果")

    class Priority(models.TextChoices):
        HIGH = "high", _("重点")
        NORMAL = "normal", _("一般")

    topic_list = models.ForeignKey(
        TopicList, verbose_name=_("课题清单"), on_delete=models.PROTECT, related_name="topics"
    )
    title = models.CharField(_("课题名称"), max_length=200)
    background = models.TextField(_("背景"))
    field = models.ForeignKey(
        Field, verbose_name=_("领域"), on_delete=models.PROTECT, related_name="topics"
    )
    department = models.ForeignKey(
        Department, verbose_name=_("牵头部门"), on_delete=models.PROTECT, related_name="topics"
    )
    priority = models.CharField(
        _("优先级"), max_length=8, choices=Priority.choices, default=Priority.NORMAL
    )
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.PLANNED, db_index=True
    )
    is_public = models.BooleanField(_("公开"), default=True)
    # Organisations with a stake in the topic: an expert who works for one of
    # them has a conflict of interest and is flagged by the matching.
    parties = models.CharField(
        _("利益相关单位"), max_length=300, blank=True, help_text=_("多个单位用逗号分隔")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    is_demo = models.BooleanField(_("演示数据"), default=False)
    SEARCH_FIELDS = ("title", "background")

    class Meta:
        verbose_name = _("课题")
        verbose_name_plural = _("课题")
        ordering = ["-topic_list__year", "priority", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("consultation:topic_detail", args=[self.pk])

    @property
    def party_list(self) -> list[str]:
        return [p.strip() for p in self.parties.replace("，", ",").split(",") if p.strip()]


class ConflictDeclaration(models.Model):
    """An expert's declaration that they have an interest in a topic and should not advise on it."""

    topic = models.ForeignKey(
        Topic, verbose_name=_("课题"), on_delete=models.CASCADE, related_name="conflicts"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("专家"), on_delete=models.CASCADE, related_name="conflicts"
    )
    note = models.CharField(_("说明"), max_length=300)
    declared_at = models.DateTimeField(_("申报时间"), default=timezone.now)

    class Meta:
        verbose_name = _("利益冲突申报")
        verbose_name_plural = _("利益冲突申报")
        constraints = [models.UniqueConstraint(fields=["topic", "member"], name="conflict_once")]

    def __str__(self) -> str:
        return f"{self.member_id} × {self.topic_id}"


class Hearing(models.Model):
    """A consultation on one topic (专题咨询): written opinions by a deadline, or a meeting."""

    class Mode(models.TextChoices):
        WRITTEN = "written", _("书面征询")
        MEETING = "meeting", _("会议咨询")

    class Status(models.TextChoices):
        OPEN = "open", _("征询中")
        CLOSED = "closed", _("待综述")
        SUMMARIZED = "summarized", _("已综述")

    topic = models.ForeignKey(
        Topic, verbose_name=_("课题"), on_delete=models.PROTECT, related_name="hearings"
    )
    mode = models.CharField(_("方式"), max_length=8, choices=Mode.choices, default=Mode.WRITTEN)
    question = models.TextField(_("征询问题"))
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.OPEN)
    opinions_due = models.DateTimeField(_("意见截止时间"))
    meeting_at = models.DateTimeField(_("会议时间"), null=True, blank=True)
    meeting_place = models.CharField(_("会议地点"), max_length=200, blank=True)
    is_online = models.BooleanField(_("线上会议"), default=False)
    minutes = models.TextField(_("会议纪要"), blank=True)
    summary = models.TextField(_("综述"), blank=True)
    result = models.OneToOneField(
        Result,
        verbose_name=_("成果"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发起人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("发起时间"), default=timezone.now)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("专题咨询")
        verbose_name_plural = _("专题咨询")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.topic} · {self.get_mode_display()}"

    def get_absolute_url(self) -> str:
        return reverse("consultation:hearing_detail", args=[self.pk])


class Invitation(models.Model):
    """An expert invited to a hearing, and whether they came to its meeting."""

    hearing = models.ForeignKey(
        Hearing, verbose_name=_("专题咨询"), on_delete=models.CASCADE, related_name="invitations"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("专家"), on_delete=models.PROTECT, related_name="invitations"
    )
    invited_at = models.DateTimeField(_("邀请时间"), default=timezone.now)
    attended = models.BooleanField(_("出席"), null=True, blank=True)

    class Meta:
        verbose_name = _("咨询邀请")
        verbose_name_plural = _("咨询邀请")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["hearing", "member"], name="invitation_once")
        ]

    def __str__(self) -> str:
        return f"{self.member_id} → {self.hearing_id}"


class Opinion(models.Model):
    """An expert's written opinion (书面意见) in a hearing."""

    hearing = models.ForeignKey(
        Hearing, verbose_name=_("专题咨询"), on_delete=models.CASCADE, related_name="opinions"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("专家"), on_delete=models.PROTECT, related_name="opinions"
    )
    body = models.TextField(_("意见内容"))
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    on_time = models.BooleanField(_("按时提交"), default=True)

    class Meta:
        verbose_name = _("书面意见")
        verbose_name_plural = _("书面意见")
        ordering = ["submitted_at", "id"]
        constraints = [models.UniqueConstraint(fields=["hearing", "member"], name="opinion_once")]

    def __str__(self) -> str:
        return f"{self.member_id} @ {self.hearing_id}"


class Study(models.Model):
    """Research commissioned on a topic from named experts (点题调研)."""

    class Status(models.TextChoices):
        COMMISSIONED = "commissioned", _("待交方案")
        PLANNED = "planned", _("待交中期报告")
        INTERIM = "interim", _("待交最终报告")
        REVIEWING = "reviewing", _("待验收")
        ACCEPTED = "accepted_study", _("已验收")

    topic = models.ForeignKey(
        Topic, verbose_name=_("课题"), on_delete=models.PROTECT, related_name="studies"
    )
    brief = models.TextField(_("调研要求"))
    experts = models.ManyToManyField(Member, verbose_name=_("承担专家"), related_name="studies")
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.COMMISSIONED
    )
    plan_due = models.DateTimeField(_("方案期限"))
    interim_due = models.DateTimeField(_("中期报告期限"))
    final_due = models.DateTimeField(_("最终报告期限"))
    result = models.OneToOneField(
        Result,
        verbose_name=_("成果"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("委托人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("委托时间"), default=timezone.now)
    accepted_at = models.DateTimeField(_("验收时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("点题调研")
        verbose_name_plural = _("点题调研")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.topic} · {_('调研')}"

    def get_absolute_url(self) -> str:
        return reverse("consultation:study_detail", args=[self.pk])

    @property
    def current_due(self):
        return {
            self.Status.COMMISSIONED: self.plan_due,
            self.Status.PLANNED: self.interim_due,
            self.Status.INTERIM: self.final_due,
        }.get(self.status)


def milestone_path(instance: "Milestone", filename: str) -> str:
    return f"studies/{instance.study_id}/{filename}"


class Milestone(models.Model):
    """A delivered step of a study: its plan, interim or final report, as a document."""

    class Kind(models.TextChoices):
        PLAN = "plan", _("调研方案")
        INTERIM = "interim", _("中期报告")
        FINAL = "final", _("最终报告")

    study = models.ForeignKey(
        Study, verbose_name=_("调研"), on_delete=models.CASCADE, related_name="milestones"
    )
    kind = models.CharField(_("类型"), max_length=8, choices=Kind.choices)
    document = models.FileField(_("文件"), upload_to=milestone_path)
    note = models.TextField(_("说明"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提交人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    on_time = models.BooleanField(_("按时提交"), default=True)
    review_note = models.TextField(_("审核意见"), blank=True)

    class Meta:
        verbose_name = _("调研成果节点")
        verbose_name_plural = _("调研成果节点")
        ordering = ["submitted_at", "id"]

    def __str__(self) -> str:
        return f"{self.study_id} {self.kind}"


class Advice(models.Model):
    """A topic or proposal an expert puts forward on their own (荐题献策)."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("待审核")
        TAKEN_IN = "taken_in", _("已纳入课题清单")
        DECLINED = "declined", _("未予采用")

    author = models.ForeignKey(
        Member, verbose_name=_("提出专家"), on_delete=models.PROTECT, related_name="advice"
    )
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"))
    field = models.ForeignKey(
        Field, verbose_name=_("领域"), on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        Department, verbose_name=_("建议承办部门"), on_delete=models.PROTECT, related_name="advice"
    )
    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    review_due = models.DateTimeField(_("审核期限"))
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    decline_reason = models.TextField(_("未采用理由"), blank=True)
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("纳入的课题"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advice",
    )
    # Advice is between the expert and the district until it is taken in.
    is_public = False

    class Meta:
        verbose_name = _("荐题献策")
        verbose_name_plural = _("荐题献策")
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("consultation:advice_detail", args=[self.pk])


class Event(models.Model):
    """One thing that happened in a topic's work: who did what to which hearing, study or advice."""

    topic = models.ForeignKey(
        Topic,
        verbose_name=_("课题"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
    )
    hearing = models.ForeignKey(
        Hearing, on_delete=models.CASCADE, null=True, blank=True, related_name="timeline"
    )
    study = models.ForeignKey(
        Study, on_delete=models.CASCADE, null=True, blank=True, related_name="timeline"
    )
    advice = models.ForeignKey(
        Advice, on_delete=models.CASCADE, null=True, blank=True, related_name="timeline"
    )
    action = models.CharField(_("动作"), max_length=32)
    label = models.CharField(_("说明"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    to_status = models.CharField(_("新状态"), max_length=16, blank=True)
    note = models.TextField(_("备注"), blank=True)
    at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        verbose_name = _("征询记录")
        verbose_name_plural = _("征询记录")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.action} @ {self.at:%Y-%m-%d %H:%M}"

    def get_action_display(self) -> str:
        return self.label

    def get_to_status_display(self) -> str:
        owner = self.hearing or self.study or self.advice or self.topic
        return dict(type(owner).Status.choices).get(self.to_status, self.to_status)
