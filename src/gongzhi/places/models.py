"""The places tree, the policy fields and the departments that answer needs."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class PlaceQuerySet(models.QuerySet):
    def within(self, place: "Place") -> "PlaceQuerySet":
        """The place itself and every place below it."""
        return self.filter(path__startswith=place.path)

    def of_level(self, level: str) -> "PlaceQuerySet":
        return self.filter(level=level)


class Place(models.Model):
    """A district, subdistrict, community or grid: one node of the local administration."""

    class Level(models.TextChoices):
        DISTRICT = "district", _("区")
        SUBDISTRICT = "subdistrict", _("街道")
        COMMUNITY = "community", _("社区")
        GRID = "grid", _("网格")

    # Each level may only sit inside the level before it.
    PARENT_LEVEL = {
        Level.SUBDISTRICT: Level.DISTRICT,
        Level.COMMUNITY: Level.SUBDISTRICT,
        Level.GRID: Level.COMMUNITY,
    }

    name = models.CharField(_("名称"), max_length=100)
    level = models.CharField(_("层级"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    code = models.SlugField(_("编码"), max_length=32, unique=True)
    # A materialised path of codes ("/gl/gd/sfs/") makes "everything inside this
    # community" one indexed prefix query instead of a recursive walk.
    path = models.CharField(_("路径"), max_length=255, editable=False, db_index=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("地区")
        verbose_name_plural = _("地区")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="place_unique_name_in_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        parent_path = self.parent.path if self.parent_id else "/"
        self.path = f"{parent_path}{self.code}/"
        super().save(*args, **kwargs)

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        expected = self.PARENT_LEVEL.get(self.level)
        actual = self.parent.level if self.parent_id else None
        if expected != actual:
            raise ValidationError({"parent": _("该层级的上级层级不正确。")})

    @property
    def label(self) -> str:
        """A name that says where a grid is: "温泉社区 第二网格"; other places use their own name.

        Callers listing many places should select_related("parent")."""
        if self.level == self.Level.GRID and self.parent_id:
            return f"{self.parent.name} {self.name}"
        return self.name

    @property
    def full_name(self) -> str:
        names = [p.name for p in self.ancestors()] + [self.name]
        return " / ".join(names[1:] or names)

    def ancestors(self) -> list["Place"]:
        codes = self.path.strip("/").split("/")[:-1]
        by_code = Place.objects.in_bulk(codes, field_name="code")
        return [by_code[code] for code in codes if code in by_code]

    def community(self) -> "Place | None":
        """The community this place is, or lies in."""
        if self.level == self.Level.COMMUNITY:
            return self
        return next((p for p in self.ancestors() if p.level == self.Level.COMMUNITY), None)


class Field(models.Model):
    """One of the policy fields (特色领域) that members and needs are organised by."""

    name = models.CharField(_("名称"), max_length=50, unique=True)
    name_en = models.CharField(_("英文名称"), max_length=80, blank=True)
    code = models.SlugField(_("代码"), max_length=40, unique=True)
    description = models.TextField(_("说明"), blank=True)
    # Labels that other sources use for this field: the seven labels of the
    # imported message sets and of the shipped classifier map onto fields here.
    aliases = models.CharField(
        _("对应标签"), max_length=200, blank=True, help_text=_("数据集或分类模型的标签，用逗号分隔")
    )
    position = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("特色领域")
        verbose_name_plural = _("特色领域")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        # The English interface shows the English name where one is set.
        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name

    @property
    def alias_list(self) -> list[str]:
        return [a.strip() for a in self.aliases.replace("，", ",").split(",") if a.strip()]

    @classmethod
    def for_label(cls, label: str) -> "Field | None":
        """The field that a dataset or classifier label stands for, by name or alias."""
        for field in cls.objects.all():
            if label == field.name or label in field.alias_list:
                return field
        return None


class Department(models.Model):
    """A government unit (职能部门) that owns and answers needs of some fields."""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    name_en = models.CharField(_("英文名称"), max_length=120, blank=True)
    fields = models.ManyToManyField(
        Field, verbose_name=_("负责领域"), related_name="departments", blank=True
    )
    place = models.ForeignKey(
        Place,
        verbose_name=_("所属地区"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="departments",
    )
    phone = models.CharField(_("办公电话"), max_length=40, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("职能部门")
        verbose_name_plural = _("职能部门")
        ordering = ["name"]

    def __str__(self) -> str:
        # Like fields, departments show their English name in the English interface.
        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name
