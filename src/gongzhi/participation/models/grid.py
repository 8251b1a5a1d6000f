"""Grid service (网格服务): citizens' committee members at work in the grid they look after."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.needs.models import Need
from gongzhi.people.models import Member
from gongzhi.places.models import Place


class GridPost(models.Model):
    """A citizens' committee member's link to the grid they serve."""

    member = models.ForeignKey(
        Member, verbose_name=_("市民委员"), on_delete=models.CASCADE, related_name="grid_posts"
    )
    grid = models.ForeignKey(
        Place,
        verbose_name=_("网格"),
        on_delete=models.PROTECT,
        related_name="grid_posts",
        limit_choices_to={"level": Place.Level.GRID},
    )
    since = models.DateField(_("联系起始"), default=timezone.localdate)

    class Meta:
        verbose_name = _("联系网格")
        verbose_name_plural = _("联系网格")
        constraints = [models.UniqueConstraint(fields=["member", "grid"], name="grid_post_once")]

    def __str__(self) -> str:
        return f"{self.member_id} @ {self.grid_id}"


class Finding(models.Model):
    """What a grid member saw on site about a need: a note and photos."""

    need = models.ForeignKey(
        Need, verbose_name=_("诉求"), on_delete=models.CASCADE, related_name="findings"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("核实人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("现场情况"))
    created_at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        verbose_name = _("现场核实")
        verbose_name_plural = _("现场核实")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.need_id} @ {self.created_at:%Y-%m-%d}"


def finding_image_path(instance: "FindingImage", filename: str) -> str:
    return f"findings/{instance.finding_id}/{filename}"


class FindingImage(models.Model):
    """A photo taken on site."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(_("图片"), upload_to=finding_image_path)

    class Meta:
        verbose_name = _("现场图片")
        verbose_name_plural = _("现场图片")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.image.name


class Dispute(models.Model):
    """A quarrel between neighbours that a grid member helps settle, or hands to a legal envoy."""

    class Status(models.TextChoices):
        OPEN = "open", _("调处中")
        RESOLVED = "resolved", _("已化解")
        HANDED_OFF = "handed_off", _("已移交法务")

    grid = models.ForeignKey(
        Place, verbose_name=_("网格"), on_delete=models.PROTECT, related_name="+"
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("纠纷"), max_length=120)
    summary = models.TextField(_("经过"))
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    parties = models.CharField(_("当事人"), max_length=200, blank=True)
    outcome = models.TextField(_("调处结果"), blank=True)
    # A hand-off files a mediation request with the community's legal
    # workstation; a community without one gets a marked request need instead.
    legal_case = models.ForeignKey(
        "legal.LegalCase",
        verbose_name=_("法务调解申请"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    legal_need = models.ForeignKey(
        Need,
        verbose_name=_("移交诉求"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = _("邻里纠纷")
        verbose_name_plural = _("邻里纠纷")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("participation:dispute_detail", args=[self.pk])
