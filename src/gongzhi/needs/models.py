"""Needs (需求): what residents ask of the district, and everything that happens to them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.core.models import Searchable, TimelineRecord
from gongzhi.places.models import Department, Field, Place


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("待受理")
    ACCEPTED = "accepted", _("已受理")
    ASSIGNED = "assigned", _("办理中")
    REPLIED = "replied", _("已答复")
    CLOSED = "closed", _("已办结")
    REJECTED = "rejected", _("不予受理")
    MERGED = "merged", _("已合并")
    # History brought in from an earlier system with no answer on record: kept
    # and searchable, but on nobody's desk and off the deadline clock until
    # staff take it in.
    ARCHIVED = "archived", _("已归档")


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASICALLY_SATISFIED = "basically_satisfied", _("基本满意")
    DISSATISFIED = "dissatisfied", _("不满意")


# A need waits on the platform in these states, and on a department in these.
WAITING_FOR_ACCEPTANCE = [Status.SUBMITTED]
WAITING_FOR_REPLY = [Status.ACCEPTED, Status.ASSIGNED]
# A need counts as answered once a reply went out, whatever happened next.
ANSWERED = [Status.REPLIED, Status.CLOSED]


class NeedPolicy(models.Model):
    """The district's rules for handling needs: deadlines in working days."""

    accept_within_days = models.PositiveSmallIntegerField(_("受理时限（工作日）"), default=1)
    reply_within_days = models.PositiveSmallIntegerField(_("答复时限（工作日）"), default=15)
    max_reopens = models.PositiveSmallIntegerField(_("不满意可重办次数"), default=1)
    # Below this confidence the field suggested by the classifier is only a
    # hint, and the need waits in the triage queue for a person to decide.
    triage_threshold = models.FloatField(_("自动分类置信度阈值"), default=0.6)

    class Meta:
        verbose_name = _("办理规则")
        verbose_name_plural = _("办理规则")

    def __str__(self) -> str:
        return str(_("办理规则"))

    @classmethod
    def current(cls) -> "NeedPolicy":
        policy, _created = cls.objects.get_or_create(pk=1)
        return policy


def overdue_condition(now=None) -> Q:
    """True for a need that waits on a step past that step's deadline."""
    now = now or timezone.now()
    return Q(status__in=WAITING_FOR_ACCEPTANCE, accept_due__lt=now) | Q(
        status__in=WAITING_FOR_REPLY, reply_due__lt=now
    )


class NeedQuerySet(models.QuerySet):
    def overdue(self, now=None) -> "NeedQuerySet":
        """Needs past the deadline of the step they are waiting on."""
        return self.filter(overdue_condition(now))

    def with_overdue_flag(self, now=None) -> "NeedQuerySet":
        return self.annotate(
            overdue=models.ExpressionWrapper(
                overdue_condition(now), output_field=models.BooleanField()
            )
        )

    def public(self) -> "NeedQuerySet":
        return self.filter(is_public=True).exclude(status=Status.REJECTED)

    def within(self, place: Place) -> "NeedQuerySet":
        return self.filter(place__path__startswith=place.path)


class Need(Searchable):
    """A resident's suggestion or complaint, followed from submission to rating."""

    class Kind(models.TextChoices):
        SUGGESTION = "suggestion", _("建议")
        COMPLAINT = "complaint", _("投诉")
        REQUEST = "request", _("求助")

    class Source(models.TextChoices):
        PLATFORM = "platform", _("平台提交")
        IMPORT = "import", _("导入")

    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices, default=Kind.SUGGESTION)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"))
    field = models.ForeignKey(
        Field,
        verbose_name=_("领域"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="needs",
    )
    place = models.ForeignKey(
        Place,
        verbose_name=_("地点"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="needs",
    )
    place_text = models.CharField(_("详细地址"), max_length=200, blank=True)
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提交人"),
        on_delete=models.PROTECT,
        related_name="needs",
    )
    is_public = models.BooleanField(_("公开"), default=True)
    is_anonymous = models.BooleanField(_("匿名"), default=False)
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("承办部门"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="needs",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("合并至"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_needs",
    )
    reject_reason = models.TextField(_("不予受理理由"), blank=True)
    support_count = models.PositiveIntegerField(_("支持数"), default=0)
    oppose_count = models.PositiveIntegerField(_("反对数"), default=0)
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now, db_index=True)
    accept_due = models.DateTimeField(_("受理期限"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    reply_due = models.DateTimeField(_("答复期限"), null=True, blank=True)
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    rating = models.CharField(_("满意度"), max_length=24, choices=Rating.choices, blank=True)
    rated_at = models.DateTimeField(_("评价时间"), null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(_("重办次数"), default=0)
    suggested_field = models.ForeignKey(
        Field,
        verbose_name=_("建议领域"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    suggestion_confidence = models.FloatField(_("建议置信度"), null=True, blank=True)
    in_triage = models.BooleanField(_("待人工分类"), default=False, db_index=True)
    source = models.CharField(
        _("来源"), max_length=16, choices=Source.choices, default=Source.PLATFORM
    )
    # Imports are keyed by (source file label, the file's own message id) so
    # that importing the same file twice finds every row already there.
    external_id = models.CharField(_("外部编号"), max_length=80, blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    SEARCH_FIELDS = ("title", "body")

    objects = NeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("需求")
        verbose_name_plural = _("需求")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"], condition=~Q(external_id=""), name="need_unique_external_id"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "accept_due"]),
            models.Index(fields=["status", "reply_due"]),
            models.Index(fields=["department", "status"]),
            models.Index(fields=["field", "submitted_at"]),
            models.Index(fields=["is_public", "submitted_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        overdue = getattr(self, "overdue", None)
        if overdue is not None:
            return bool(overdue)
        now = timezone.now()
        if self.status in WAITING_FOR_ACCEPTANCE:
            return bool(self.accept_due and self.accept_due < now)
        if self.status in WAITING_FOR_REPLY:
            return bool(self.reply_due and self.reply_due < now)
        return False

    @property
    def current_due(self):
        if self.status in WAITING_FOR_ACCEPTANCE:
            return self.accept_due
        if self.status in WAITING_FOR_REPLY:
            return self.reply_due
        return None

    @property
    def latest_reply(self) -> "Reply | None":
        replies = list(self.replies.all())
        return replies[-1] if replies else None


# The reply scorer's reasons (gongzhi.insight.replies.REASON_TEXT), for translation.
REPLY_REASONS = {
    "short": _("答复过短（%(chars)s字）"),
    "missed_terms": _("未涉及留言中的：%(terms)s"),
    "no_acknowledgement": _("未确认收到留言人反映的问题"),
    "no_finding": _("未说明调查核实的情况"),
    "no_action": _("未说明已采取的处理措施"),
    "cites_policy": _("引用了政策法规"),
    "no_policy": _("未引用政策法规依据"),
    "no_next_step": _("未说明下一步安排"),
    "no_contact": _("未提供联系方式"),
    "late": _("答复用时%(days)s天，超过15天"),
    "in_time": _("答复及时（%(days)s天）"),
}


class Reply(models.Model):
    """An official answer (答复) to a need, written by the department that handled it."""

    need = models.ForeignKey(
        Need, verbose_name=_("需求"), on_delete=models.CASCADE, related_name="replies"
    )
    body = models.TextField(_("答复内容"))
    department = models.ForeignKey(
        Department, verbose_name=_("答复部门"), on_delete=models.PROTECT, null=True, blank=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("答复人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("答复时间"), default=timezone.now)
    quality = models.PositiveSmallIntegerField(_("答复质量分"), null=True, blank=True)
    quality_detail = models.JSONField(_("答复质量评估"), default=dict, blank=True)

    class Meta:
        verbose_name = _("答复")
        verbose_name_plural = _("答复")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.need_id} @ {self.created_at:%Y-%m-%d}"

    @property
    def quality_reasons(self) -> list[str]:
        """Why the reply scored as it did, in the interface language.

        Scores kept before reasons had codes show their stored Chinese text.
        """
        detail = self.quality_detail or {}
        codes = detail.get("reason_codes")
        if codes is None:
            return list(detail.get("reasons", []))
        return [
            str(REPLY_REASONS[code]) % values for code, values in codes if code in REPLY_REASONS
        ]


class Support(models.Model):
    """One resident's support (附议) for a public need."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supports"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("支持")
        verbose_name_plural = _("支持")
        constraints = [models.UniqueConstraint(fields=["need", "user"], name="support_once")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.need_id}"


def need_image_path(instance: "NeedImage", filename: str) -> str:
    return f"needs/{instance.need_id}/{filename}"


class NeedImage(models.Model):
    """A photo attached to a need."""

    need = models.ForeignKey(
        Need, verbose_name=_("需求"), on_delete=models.CASCADE, related_name="images"
    )
    image = models.ImageField(_("图片"), upload_to=need_image_path)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("图片")
        verbose_name_plural = _("图片")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.image.name


class TimelineEntry(TimelineRecord):
    """One thing that happened to a need: who did what, when."""

    class Action(models.TextChoices):
        IMPORT = "import", _("导入")
        SUBMIT = "submit", _("提交")
        ACCEPT = "accept", _("受理")
        REJECT = "reject", _("不予受理")
        MERGE = "merge", _("合并")
        ABSORB = "absorb", _("并入同类诉求")
        ASSIGN = "assign", _("分派")
        TRANSFER = "transfer", _("转办")
        REPLY = "reply", _("答复")
        CLOSE = "close", _("办结")
        RATE = "rate", _("评价")
        REOPEN = "reopen", _("重办")
        ARCHIVE = "archive", _("归档")

    need = models.ForeignKey(
        Need, verbose_name=_("需求"), on_delete=models.CASCADE, related_name="timeline"
    )
    action = models.CharField(_("动作"), max_length=32, choices=Action.choices)
    from_status = models.CharField(_("原状态"), max_length=16, choices=Status.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=16, choices=Status.choices, blank=True)

    class Meta:
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.need_id} {self.action} @ {self.at:%Y-%m-%d %H:%M}"


class Follow(models.Model):
    """A person who is told when a need moves: its submitter, supporters who opted in, merged submitters."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("关注")
        verbose_name_plural = _("关注")
        constraints = [models.UniqueConstraint(fields=["need", "user"], name="follow_once")]

    def __str__(self) -> str:
        return f"{self.user_id} ⟶ {self.need_id}"


class FieldCorrection(models.Model):
    """A person overruling the field the classifier suggested; the next training learns from it."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="field_corrections")
    suggested = models.ForeignKey(
        Field, verbose_name=_("建议领域"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    chosen = models.ForeignKey(
        Field, verbose_name=_("确定领域"), on_delete=models.CASCADE, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), on_delete=models.SET_NULL, null=True
    )
    created_at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        verbose_name = _("分类纠正")
        verbose_name_plural = _("分类纠正")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.need_id}: {self.suggested_id} → {self.chosen_id}"


class HotIssue(models.Model):
    """A hot issue (热点难点): many needs about one problem in one place, from the latest grouping run."""

    rank = models.PositiveSmallIntegerField(_("排名"))
    heat = models.FloatField(_("热度"))
    title = models.CharField(_("标题"), max_length=200)
    place = models.CharField(_("地点"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("诉求数"))
    first_at = models.DateTimeField(_("最早"))
    last_at = models.DateTimeField(_("最近"))
    needs = models.ManyToManyField(Need, verbose_name=_("诉求"), related_name="hot_issues")
    computed_at = models.DateTimeField(_("计算时间"), default=timezone.now)

    class Meta:
        verbose_name = _("热点难点")
        verbose_name_plural = _("热点难点")
        ordering = ["rank"]

    def __str__(self) -> str:
        return self.title
