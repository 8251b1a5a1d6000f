"""People: accounts, staff roles and the members of the three bodies."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.places.models import Department, Field, Place


class User(AbstractUser):
    """A person with an account: every resident, member and staff worker is one."""

    display_name = models.CharField(_("显示名称"), max_length=50, blank=True)
    phone = models.CharField(_("手机号码"), max_length=20, blank=True)
    community = models.ForeignKey(
        Place,
        verbose_name=_("居住社区"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="residents",
    )
    # A verified resident has shown the community that they live there; only
    # verified residents will be able to vote in a community's budget round.
    is_verified = models.BooleanField(_("已核实居住地"), default=False)
    # Accounts made for pseudonymous posters of imported messages: they can
    # never log in and are counted as distinct people, nothing more.
    external_id = models.CharField(_("外部编号"), max_length=40, blank=True, db_index=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta(AbstractUser.Meta):
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~models.Q(external_id=""),
                name="user_unique_external_id",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def public_name(self) -> str:
        return self.display_name or self.username


class Staff(models.Model):
    """A government or community worker (工作人员) and the scope they act in."""

    class Kind(models.TextChoices):
        COMMUNITY = "community", _("社区工作人员")
        DEPARTMENT = "department", _("部门工作人员")
        DISTRICT = "district", _("区级管理员")

    user = models.OneToOneField(
        User, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="staff"
    )
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    community = models.ForeignKey(
        Place,
        verbose_name=_("所在社区"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        limit_choices_to={"level": Place.Level.COMMUNITY},
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("所在部门"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
    )
    title = models.CharField(_("职务"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("工作人员")
        verbose_name_plural = _("工作人员")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="community", community__isnull=False, department__isnull=True)
                    | models.Q(kind="department", department__isnull=False, community__isnull=True)
                    | models.Q(kind="district", community__isnull=True, department__isnull=True)
                ),
                name="staff_scope_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        scope = self.community or self.department or ""
        return f"{self.user} ({self.get_kind_display()} {scope})".strip()


class Body(models.TextChoices):
    """The three bodies of 两会一员."""

    EXPERT = "expert", _("社会治理专家委员会")
    CITIZEN = "citizen", _("市民委员会")
    ENVOY = "envoy", _("法务特派员")


class MemberQuerySet(models.QuerySet):
    def active(self) -> "MemberQuerySet":
        today = timezone.localdate()
        return self.filter(status=Member.Status.ACTIVE, term_start__lte=today).filter(
            models.Q(term_end__isnull=True) | models.Q(term_end__gte=today)
        )


class Member(models.Model):
    """A person enrolled in one of the three bodies for a term (委员 / 成员)."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("申请中")
        ACTIVE = "active", _("在任")
        SUSPENDED = "suspended", _("暂停")
        ENDED = "ended", _("已离任")

    class Sector(models.TextChoices):
        ACADEMIA = "academia", _("高校科研")
        GOVERNMENT = "government", _("党政机关")
        JUDICIARY = "judiciary", _("司法机关")
        LAW_FIRM = "law_firm", _("律师事务所")
        BUSINESS = "business", _("企业")
        SOCIAL = "social", _("社会组织")
        COMMUNITY = "community", _("社区居民")
        OTHER = "other", _("其他")

    user = models.ForeignKey(
        User, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="memberships"
    )
    body = models.CharField(_("所属组织"), max_length=16, choices=Body.choices)
    fields = models.ManyToManyField(Field, verbose_name=_("特色领域"), related_name="members")
    community = models.ForeignKey(
        Place,
        verbose_name=_("联系社区"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices)
    term_start = models.DateField(_("任期开始"))
    term_end = models.DateField(_("任期结束"), null=True, blank=True)
    sector = models.CharField(_("界别"), max_length=16, choices=Sector.choices, blank=True)
    affiliation = models.CharField(_("工作单位"), max_length=100, blank=True)
    title = models.CharField(_("职称/职务"), max_length=50, blank=True)
    expertise = models.TextField(_("专长"), blank=True)
    birth_year = models.PositiveSmallIntegerField(_("出生年份"), null=True, blank=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("成员")
        verbose_name_plural = _("成员")
        ordering = ["body", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "body"], name="member_one_per_body"),
        ]
        indexes = [models.Index(fields=["body", "status"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_body_display()}"
