"""Forms for results: they validate input and hand clean values to the actions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.places.models import Department, Field
from gongzhi.results.models import Kind, Status


class ReviewForm(forms.Form):
    pass


class AdoptForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("采纳部门"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
        empty_label=_("本部门"),
    )
    how = forms.CharField(
        label=_("采纳方式"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("例如：写入某项政策文件、列入年度为民办实事项目、转化为工作机制。"),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("未采纳理由"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ImplementForm(forms.Form):
    evidence = forms.CharField(
        label=_("落地情况"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("做了什么、何时完成、效果如何。"),
    )
    document = forms.FileField(label=_("佐证材料"), required=False)


class ResultFilterForm(forms.Form):
    q = forms.CharField(label=_("关键词"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("类型"), choices=[("", _("全部类型")), *Kind.choices], required=False
    )
    field = forms.ModelChoiceField(
        label=_("领域"), queryset=Field.objects.all(), required=False, empty_label=_("全部领域")
    )
    status = forms.ChoiceField(
        label=_("状态"), choices=[("", _("全部状态")), *Status.choices], required=False
    )
    department = forms.ModelChoiceField(
        label=_("采纳部门"),
        queryset=Department.objects.all(),
        required=False,
        empty_label=_("全部部门"),
    )
    year = forms.IntegerField(label=_("年份"), required=False, min_value=2000, max_value=2100)
    adopted = forms.BooleanField(label=_("仅看已采纳（含已落地）"), required=False)
