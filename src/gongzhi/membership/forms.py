"""Forms for applications and appointments."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.people.models import Body, Member
from gongzhi.places.models import Field, Place


class ApplicationForm(forms.Form):
    body = forms.ChoiceField(label=_("申请加入"), choices=Body.choices)
    fields = forms.ModelMultipleChoiceField(
        label=_("特色领域"),
        queryset=Field.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
    )
    expertise = forms.CharField(
        label=_("专长与经历"), widget=forms.Textarea(attrs={"rows": 5}), max_length=3000
    )
    sector = forms.ChoiceField(label=_("界别"), choices=Member.Sector.choices)
    affiliation = forms.CharField(
        label=_("工作单位"), max_length=100, required=False, help_text=_("用于识别利益冲突。")
    )
    title = forms.CharField(label=_("职称/职务"), max_length=50, required=False)
    birth_year = forms.IntegerField(label=_("出生年份"), min_value=1920, max_value=2010)
    community = forms.ModelChoiceField(
        label=_("联系社区"),
        queryset=Place.objects.filter(level=Place.Level.COMMUNITY),
        required=False,
    )


class AppointForm(forms.Form):
    term_start = forms.DateField(
        label=_("任期开始"), widget=forms.DateInput(attrs={"type": "date"})
    )
    term_end = forms.DateField(label=_("任期结束"), widget=forms.DateInput(attrs={"type": "date"}))


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("未通过理由（申请人可见）"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class RenewForm(forms.Form):
    term_end = forms.DateField(label=_("续聘至"), widget=forms.DateInput(attrs={"type": "date"}))
