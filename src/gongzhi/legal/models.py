"""Legal services (法务服务): workstations, duty schedules, confidential cases and appointments.

Legal-education events live in `event_models.py`; both are imported here so
Django sees one app's models in one place.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.core.models import Searchable, TimelineRecord
from gongzhi.legal.categories import LegalCategory
from gongzhi.people.models import Member
from gongzhi.places.models import Place


class Workstation(models.Model):
    """A community's legal service point (法务特派员工作站), with its duty hours and contact."""

    community = models.OneToOneField(
        Place,
        verbose_name=_("社区"),
        on_delete=models.PROTECT,
        related_name="workstation",
        limit_choices_to={"level": Place.Level.COMMUNITY},
    )
    name = models.CharField(_("名称"), max_length=100)
    address = models.CharField(_("地址"), max_length=200)
    hours = models.CharField(
        _("开放时间"), max_length=200, help_text=_("例如：周一至周五 9:00-17:00")
    )
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    # The lead envoy supervises the station: they see and may reassign every
    # case filed with it (see rules.is_supervisor).
    lead = models.ForeignKey(
        Member,
        verbose_name=_("站长（牵头特派员）"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_workstations",
        limit_choices_to={"body": "envoy"},
    )
    envoys = models.ManyToManyField(
        Member, through="StationEnvoy", verbose_name=_("特派员"), related_name="workstations"
    )
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = _("法务工作站")
        verbose_name_plural = _("法务工作站")
        ordering = ["community__path"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("legal:workstation_detail", args=[self.pk])


class Service(models.TextChoices):
    """How an envoy serves a station (GLOSSARY: scheduled / on_demand)."""

    SCHEDULED = "scheduled", _("定期值班")
    ON_DEMAND = "on_demand", _("不定期（随叫随到）")


class StationEnvoy(models.Model):
    """An envoy serving a workstation, on fixed duty days or on call."""

    station = models.ForeignKey(
        Workstation, verbose_name=_("工作站"), on_delete=models.CASCADE, related_name="postings"
    )
    envoy = models.ForeignKey(
        Member, verbose_name=_("特派员"), on_delete=models.CASCADE, related_name="postings"
    )
    service = models.CharField(_("服务方式"), max_length=16, choices=Service.choices)

    class Meta:
        verbose_name = _("驻站特派员")
        verbose_name_plural = _("驻站特派员")
        constraints = [
            models.UniqueConstraint(fields=["station", "envoy"], name="station_envoy_once"),
        ]

    def __str__(self) -> str:
        return f"{self.envoy} @ {self.station} ({self.service})"


class DutySchedule(models.Model):
    """An envoy's fixed weekly duty at a station: a weekday and hours, cut into bookable slots."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("周一")
        TUESDAY = 1, _("周二")
        WEDNESDAY = 2, _("周三")
        THURSDAY = 3, _("周四")
        FRIDAY = 4, _("周五")
        SATURDAY = 5, _("周六")
        SUNDAY = 6, _("周日")

    station = models.ForeignKey(
        Workstation, verbose_name=_("工作站"), on_delete=models.CASCADE, related_name="schedules"
    )
    envoy = models.ForeignKey(
        Member, verbose_name=_("特派员"), on_delete=models.CASCADE, related_name="schedules"
    )
    weekday = models.PositiveSmallIntegerField(_("星期"), choices=Weekday.choices)
    # Wall-clock times in Asia/Shanghai, whatever the server's zone.
    starts = models.TimeField(_("开始时间"))
    ends = models.TimeField(_("结束时间"))
    slot_minutes = models.PositiveSmallIntegerField(_("每个时段（分钟）"), default=30)
    valid_from = models.DateField(_("生效日期"), default=timezone.localdate)
    valid_until = models.DateField(_("截止日期"), null=True, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("值班安排")
        verbose_name_plural = _("值班安排")
        ordering = ["station", "weekday", "starts"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends__gt=models.F("starts")), name="duty_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=10), name="duty_slot_at_least_10_minutes"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.envoy} {self.get_weekday_display()} {self.starts:%H:%M}-{self.ends:%H:%M}"


class EnvoySpecialty(models.Model):
    """A legal category an envoy is known to handle well; drives the envoy suggestion."""

    envoy = models.ForeignKey(
        Member, verbose_name=_("特派员"), on_delete=models.CASCADE, related_name="specialties"
    )
    category = models.CharField(_("擅长类别"), max_length=32, choices=LegalCategory.choices)

    class Meta:
        verbose_name = _("特派员专长")
        verbose_name_plural = _("特派员专长")
        constraints = [
            models.UniqueConstraint(fields=["envoy", "category"], name="envoy_specialty_once"),
        ]

    def __str__(self) -> str:
        return f"{self.envoy} · {self.get_category_display()}"


class CaseStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待接单")
    ACCEPTED = "accepted", _("办理中")
    ANSWERED = "answered", _("已答复")
    CLOSED = "closed", _("已办结")
    WITHDRAWN = "withdrawn", _("已撤回")


# A case waits on an envoy in these states.
OPEN = [CaseStatus.SUBMITTED, CaseStatus.ACCEPTED]


class Mode(models.TextChoices):
    """How the service is given (GLOSSARY: online; offline at_station or home_visit)."""

    ONLINE = "online", _("线上（文字答复）")
    AT_STATION = "at_station", _("到工作站面谈")
    HOME_VISIT = "home_visit", _("上门服务")


OFFLINE = [Mode.AT_STATION, Mode.HOME_VISIT]


class Outcome(models.TextChoices):
    ANSWERED = "answered", _("已解答")
    AGREEMENT = "agreement", _("达成调解协议")
    FAILED = "failed", _("调解不成")
    COURT = "court", _("引导诉讼或仲裁")
    LEGAL_AID = "legal_aid", _("转法律援助")


class LegalCase(Searchable):
    """A resident's or business's request for legal help: a consultation or a mediation.

    Confidential: only the requester, the assigned envoy and the station's
    lead envoy ever see it (`rules.can_view_case`, `queries.visible_cases`).
    """

    class Kind(models.TextChoices):
        CONSULTATION = "consultation", _("法律咨询")
        MEDIATION = "mediation", _("矛盾纠纷调解")

    class RequesterType(models.TextChoices):
        RESIDENT = "resident", _("个人")
        BUSINESS = "business", _("企业")

    class DisputeKind(models.TextChoices):
        NEIGHBOUR = "neighbour", _("邻里纠纷")
        FAMILY = "family", _("婚姻家庭")
        LABOUR = "labour", _("劳动工资")
        PROPERTY = "property", _("物业与房屋")
        DEBT = "debt", _("借款欠款")
        CONSUMER = "consumer", _("消费购物")
        TRAFFIC = "traffic", _("交通事故")
        OTHER = "other", _("其他")

    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申请人"),
        on_delete=models.PROTECT,
        related_name="legal_cases",
    )
    requester_type = models.CharField(
        _("申请人类型"),
        max_length=16,
        choices=RequesterType.choices,
        default=RequesterType.RESIDENT,
    )
    business_name = models.CharField(_("企业名称"), max_length=100, blank=True)
    station = models.ForeignKey(
        Workstation, verbose_name=_("工作站"), on_delete=models.PROTECT, related_name="cases"
    )
    mode = models.CharField(_("服务方式"), max_length=16, choices=Mode.choices)
    address = models.CharField(_("上门地址"), max_length=200, blank=True)
    body = models.TextField(_("问题或经过"))
    parties = models.CharField(_("对方当事人"), max_length=200, blank=True)
    dispute_kind = models.CharField(
        _("纠纷类型"), max_length=16, choices=DisputeKind.choices, blank=True
    )
    amount = models.DecimalField(
        _("涉及金额（元）"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    category = models.CharField(
        _("法律类别"), max_length=32, choices=LegalCategory.choices, blank=True, db_index=True
    )
    # The classifier's top guesses when the request came in: [[category, probability], ...].
    suggested_categories = models.JSONField(_("类别建议"), default=list, blank=True)
    status = models.CharField(
        _("状态"),
        max_length=16,
        choices=CaseStatus.choices,
        default=CaseStatus.SUBMITTED,
        db_index=True,
    )
    envoy = models.ForeignKey(
        Member,
        verbose_name=_("承办特派员"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legal_cases",
    )
    answer = models.TextField(_("答复"), blank=True)
    outcome = models.CharField(_("办理结果"), max_length=16, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(_("结果说明"), blank=True)
    agreement = models.TextField(_("调解协议内容"), blank=True)
    follow_up_on = models.DateField(_("回访日期"), null=True, blank=True)
    followed_up_at = models.DateTimeField(_("回访时间"), null=True, blank=True)
    publish_consent = models.BooleanField(_("同意匿名公开为常见问题"), default=False)
    faq_item = models.ForeignKey(
        "library.Item",
        verbose_name=_("公开的常见问题"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("申请时间"), default=timezone.now, db_index=True)
    accepted_at = models.DateTimeField(_("接单时间"), null=True, blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)
    SEARCH_FIELDS = ("body", "parties", "answer")
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    # A case is never public: links to it (from a result, say) show no title.
    is_public = False

    class Meta:
        verbose_name = _("法务案件")
        verbose_name_plural = _("法务案件")
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["envoy", "status"]),
            models.Index(fields=["station", "status"]),
            models.Index(fields=["requester", "submitted_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("legal:case_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def is_offline(self) -> bool:
        return self.mode in OFFLINE

    @property
    def summary(self) -> str:
        """The first words of the request, for lists seen by those who may see the case."""
        text = " ".join(self.body.split())
        return text if len(text) <= 40 else f"{text[:40]}…"


class CaseEntry(TimelineRecord):
    """One thing that happened to a case: who did what, when (the case's audit trail)."""

    class Action(models.TextChoices):
        SUBMIT = "submit", _("提交申请")
        OFFER = "offer", _("派给特派员")
        ACCEPT = "accept", _("接单")
        PASS_ON = "pass_on", _("转给其他特派员")
        REASSIGN = "reassign", _("站长改派")
        CATEGORISE = "categorise", _("确定类别")
        NOTE = "note", _("记录")
        DOCUMENT = "document", _("上传材料")
        SESSION = "session", _("调解")
        ANSWER = "answer", _("答复")
        CLOSE = "close", _("办结")
        CONCLUDE = "conclude", _("记录结果")
        RESULT = "result", _("调解成果报送成果库")
        WITHDRAW = "withdraw", _("撤回")
        BOOK = "book", _("预约")
        CANCEL = "cancel", _("取消预约")
        ATTENDED = "attended", _("已到场")
        NO_SHOW = "no_show", _("未到场")
        CONSENT = "consent", _("同意公开")
        FAQ = "faq", _("匿名公开为常见问题")
        FOLLOW_UP = "follow_up", _("回访")

    case = models.ForeignKey(
        LegalCase, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="timeline"
    )
    action = models.CharField(_("动作"), max_length=16, choices=Action.choices)
    from_status = models.CharField(
        _("原状态"), max_length=16, choices=CaseStatus.choices, blank=True
    )
    to_status = models.CharField(_("新状态"), max_length=16, choices=CaseStatus.choices, blank=True)

    class Meta:
        verbose_name = _("案件记录")
        verbose_name_plural = _("案件记录")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.action} @ {self.at:%Y-%m-%d %H:%M}"


class CaseNote(models.Model):
    """A message in a case: the written exchange with the requester, or an envoy's internal note."""

    case = models.ForeignKey(
        LegalCase, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("作者"), on_delete=models.PROTECT
    )
    body = models.TextField(_("内容"))
    # Internal notes are for the envoy and the station lead; the requester
    # sees only the exchange addressed to them.
    is_internal = models.BooleanField(_("仅特派员可见"), default=False)
    created_at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        verbose_name = _("案件留言")
        verbose_name_plural = _("案件留言")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} note {self.pk}"


def case_document_path(instance: "CaseDocument", filename: str) -> str:
    return f"legal/cases/{instance.case_id}/{filename}"


class CaseDocument(models.Model):
    """A document in a case file: evidence, a contract, a signed agreement."""

    case = models.ForeignKey(
        LegalCase, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("名称"), max_length=100)
    file = models.FileField(_("文件"), upload_to=case_document_path)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("上传人"), on_delete=models.PROTECT
    )
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)

    class Meta:
        verbose_name = _("案件材料")
        verbose_name_plural = _("案件材料")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title


class MediationSession(models.Model):
    """One sitting of a mediation: when, where, who came and what was said."""

    case = models.ForeignKey(
        LegalCase, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="sessions"
    )
    held_at = models.DateTimeField(_("调解时间"))
    venue = models.CharField(_("地点"), max_length=200)
    participants = models.CharField(_("参加人员"), max_length=300)
    summary = models.TextField(_("调解情况"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("记录人"), on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = _("调解记录")
        verbose_name_plural = _("调解记录")
        ordering = ["held_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} session {self.held_at:%Y-%m-%d}"


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", _("已预约")
    CANCELLED = "cancelled", _("已取消")
    ATTENDED = "attended", _("已到场")
    NO_SHOW = "no_show", _("未到场")


class Appointment(models.Model):
    """A booked slot of an envoy's duty: a meeting at the station or a home visit."""

    case = models.ForeignKey(
        LegalCase, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="appointments"
    )
    schedule = models.ForeignKey(
        DutySchedule,
        verbose_name=_("值班安排"),
        on_delete=models.PROTECT,
        related_name="appointments",
    )
    envoy = models.ForeignKey(
        Member, verbose_name=_("特派员"), on_delete=models.PROTECT, related_name="appointments"
    )
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    status = models.CharField(
        _("状态"),
        max_length=16,
        choices=AppointmentStatus.choices,
        default=AppointmentStatus.BOOKED,
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("预约人"), on_delete=models.PROTECT
    )
    booked_at = models.DateTimeField(_("预约时间"), default=timezone.now)
    reminded_at = models.DateTimeField(_("提醒时间"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("取消时间"), null=True, blank=True)
    cancel_reason = models.CharField(_("取消原因"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("预约")
        verbose_name_plural = _("预约")
        ordering = ["starts_at", "id"]
        constraints = [
            # One slot, one booking: an envoy cannot be booked twice for the
            # same start, whichever station or case asks. Cancelled bookings
            # free the slot again.
            models.UniqueConstraint(
                fields=["envoy", "starts_at"],
                condition=Q(status="booked"),
                name="appointment_one_booking_per_slot",
            ),
            # A case holds at most one upcoming appointment at a time.
            models.UniqueConstraint(
                fields=["case"], condition=Q(status="booked"), name="appointment_one_per_case"
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.envoy} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def is_booked(self) -> bool:
        return self.status == AppointmentStatus.BOOKED


from gongzhi.legal.event_models import (  # noqa: E402, F401  one app, two model modules
    EventMaterial,
    EventPhoto,
    EventRegistration,
    OutreachEvent,
)
