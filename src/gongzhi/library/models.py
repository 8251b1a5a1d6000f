"""The information library (信息库): policies, notices, minutes, reports and FAQs, searchable."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.consultation.models import Topic
from gongzhi.core.models import Searchable
from gongzhi.places.models import Department, Field
from gongzhi.results.models import Result


class Item(Searchable):
    """One document in the library: a policy, a notice, minutes, a report or an FAQ."""

    class Kind(models.TextChoices):
        POLICY = "policy", _("政策文件")
        NOTICE = "notice", _("通知公告")
        MINUTES = "minutes", _("会议纪要")
        REPORT = "report", _("研究报告")
        FAQ = "faq", _("常见问答")
        OTHER = "other", _("其他")

    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("正文"))
    field = models.ForeignKey(
        Field,
        verbose_name=_("领域"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("发布部门"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("相关课题"), blank=True, related_name="library_items"
    )
    results = models.ManyToManyField(
        Result, verbose_name=_("相关成果"), blank=True, related_name="library_items"
    )
    is_public = models.BooleanField(_("公开"), default=True)
    published_at = models.DateTimeField(_("发布时间"), default=timezone.now, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_demo = models.BooleanField(_("演示数据"), default=False)
    SEARCH_FIELDS = ("title", "body")

    class Meta:
        verbose_name = _("信息")
        verbose_name_plural = _("信息库")
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:item_detail", args=[self.pk])

    def search_parts(self) -> tuple[str, ...]:
        # A reader looking for 养老 should find what is filed under 养老托育,
        # and a department's name finds what it published.
        return (
            *super().search_parts(),
            self.field.name if self.field_id else "",
            self.department.name if self.department_id else "",
        )


def attachment_path(instance: "Attachment", filename: str) -> str:
    return f"library/{instance.item_id}/{filename}"


class Attachment(models.Model):
    """A file attached to a library item."""

    item = models.ForeignKey(
        Item, verbose_name=_("信息"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("文件"), upload_to=attachment_path)
    name = models.CharField(_("名称"), max_length=200)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name
