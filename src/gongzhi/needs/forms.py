"""Forms for needs: they validate input and hand clean values to the actions."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from gongzhi.needs import actions
from gongzhi.needs.models import Need, Rating, Status
from gongzhi.places.models import Department, Field, Place

MAX_IMAGES = 6
MAX_IMAGE_BYTES = 5 * 1024 * 1024


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.ImageField):
    widget = MultipleImageInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if len(files) > MAX_IMAGES:
            raise ValidationError(_("最多上传 %(count)s 张图片。"), params={"count": MAX_IMAGES})
        cleaned = [super(MultipleImageField, self).clean(f, initial) for f in files]
        for image in cleaned:
            if image.size > MAX_IMAGE_BYTES:
                raise ValidationError(_("每张图片不能超过 5 MB。"))
        return cleaned


class NeedForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("类型"), choices=Need.Kind.choices, initial=Need.Kind.SUGGESTION
    )
    title = forms.CharField(
        label=_("标题"),
        min_length=4,
        max_length=60,
        error_messages={
            "min_length": _("标题至少写 %(limit_value)d 个字。"),
            "max_length": _("标题最多 %(limit_value)d 个字，详细情况请写在内容里。"),
            "required": _("请填写标题。"),
        },
        help_text=_("一句话说明问题，例如：某小区门口路灯不亮"),
    )
    body = forms.CharField(
        label=_("内容"),
        min_length=10,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("说清楚发生了什么、在哪里、持续多久、希望怎么解决。"),
        error_messages={
            "min_length": _("内容至少写 %(limit_value)d 个字，说清楚情况才好办理。"),
            "max_length": _("内容最多 %(limit_value)d 个字。"),
            "required": _("请填写内容。"),
        },
    )
    field = forms.ModelChoiceField(
        label=_("领域"),
        queryset=Field.objects.filter(is_active=True),
        required=False,
        empty_label=_("不确定（由工作人员判断）"),
    )
    place = forms.TypedChoiceField(
        label=_("所在社区"), coerce=int, required=False, empty_value=None
    )
    grid = forms.TypedChoiceField(
        label=_("网格（不清楚可不选）"), coerce=int, required=False, empty_value=None
    )
    place_text = forms.CharField(label=_("详细地址"), max_length=200, required=False)
    images = MultipleImageField(label=_("图片"), required=False)
    is_public = forms.BooleanField(
        label=_("公开（其他居民可以看到并支持）"), required=False, initial=True
    )
    is_anonymous = forms.BooleanField(label=_("匿名（不显示我的名字）"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = community_choices()
        self.fields["grid"].choices = grid_choices(self.data.get("place") or None)
        # Choosing a community loads its grids, so nobody scrolls through hundreds.
        self.fields["place"].widget.attrs.update(
            {
                "hx-get": reverse_lazy("needs:need_grids"),
                "hx-target": "#id_grid",
                "hx-trigger": "change",
                "hx-include": "this",
            }
        )
        # As the resident types, ask for the likely field and similar needs.
        hints = {
            "hx-get": reverse_lazy("needs:need_hints"),
            "hx-trigger": "input changed delay:700ms, change",
            "hx-target": "#need-hints",
            "hx-include": "[name=title],[name=body]",
            "hx-sync": "closest form:replace",
        }
        for name in ("title", "body"):
            self.fields[name].widget.attrs.update(hints)

    def clean(self):
        cleaned = super().clean()
        community = Place.objects.filter(
            pk=cleaned.get("place"), level=Place.Level.COMMUNITY
        ).first()
        grid = Place.objects.filter(pk=cleaned.get("grid"), parent=community).first()
        # The need is placed as precisely as the resident could say.
        cleaned["place"] = grid or community
        if not cleaned.get("place") and not (cleaned.get("place_text") or "").strip():
            self.add_error("place", _("请选择社区或填写详细地址。"))
        return cleaned

    def submit(self, submitter) -> Need:
        """File the valid form's need as `submitter` (the page and the API both come here)."""
        data = self.cleaned_data
        return actions.submit(
            submitter,
            title=data["title"],
            body=data["body"],
            kind=data["kind"],
            field=data["field"],
            place=data["place"],
            place_text=data["place_text"],
            is_public=data["is_public"],
            is_anonymous=data["is_anonymous"],
            images=data.get("images") or (),
        )


def community_choices() -> list:
    """Communities grouped under their subdistrict, for a select with option groups."""
    groups: dict[str, list[tuple[int, str]]] = {}
    communities = Place.objects.filter(level=Place.Level.COMMUNITY).select_related("parent")
    for community in communities.order_by("parent__name", "name"):
        groups.setdefault(community.parent.name, []).append((community.pk, community.name))
    return [("", _("请选择社区")), *groups.items()]


def grid_choices(community_id: str | int | None) -> list:
    """The grids of one community; anything that is not an id gives no grids."""
    community_id = int(community_id) if str(community_id or "").isdigit() else 0
    grids = Place.objects.filter(parent_id=community_id, level=Place.Level.GRID)
    return [("", _("不清楚")), *grids.order_by("name").values_list("pk", "name")]


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("理由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000
    )


class AcceptForm(forms.Form):
    field = forms.ModelChoiceField(
        label=_("领域"), queryset=Field.objects.filter(is_active=True), required=False
    )


class AssignForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("承办部门"), queryset=Department.objects.filter(is_active=True)
    )


class TransferForm(AssignForm):
    reason = forms.CharField(label=_("转办理由"), max_length=1000)


class MergeForm(forms.Form):
    into = forms.IntegerField(label=_("合并到需求编号"), min_value=1)

    def clean_into(self):
        pk = self.cleaned_data["into"]
        need = (
            Need.objects.filter(pk=pk).exclude(status__in=[Status.MERGED, Status.REJECTED]).first()
        )
        if need is None:
            raise ValidationError(_("找不到可合并的需求。"))
        return need


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("答复内容"),
        min_length=10,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"min_length": _("答复至少写 %(limit_value)d 个字。")},
    )


class CloseForm(forms.Form):
    pass


class RateForm(forms.Form):
    rating = forms.ChoiceField(label=_("满意度"), choices=Rating.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("评价意见"), max_length=500, required=False)


class NeedFilterForm(forms.Form):
    q = forms.CharField(label=_("关键词"), required=False, max_length=100)
    field = forms.ModelChoiceField(
        label=_("领域"), queryset=Field.objects.all(), required=False, empty_label=_("全部领域")
    )
    status = forms.ChoiceField(
        label=_("状态"), choices=[("", _("全部状态")), *Status.choices], required=False
    )
    place = forms.ModelChoiceField(
        label=_("地区"),
        required=False,
        empty_label=_("全部地区"),
        queryset=Place.objects.filter(level__in=[Place.Level.SUBDISTRICT, Place.Level.COMMUNITY]),
    )
    since = forms.DateField(
        label=_("起始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("结束日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    answered = forms.BooleanField(label=_("仅看已答复（含已办结）"), required=False)
    overdue = forms.BooleanField(label=_("仅看超期"), required=False)
