"""Forms for the information library."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.consultation.models import Topic
from gongzhi.library.models import Item
from gongzhi.places.models import Department, Field
from gongzhi.results.models import Result


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class ItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=Item.Kind.choices)
    title = forms.CharField(label=_("标题"), max_length=200)
    body = forms.CharField(
        label=_("正文"), widget=forms.Textarea(attrs={"rows": 8}), max_length=50000
    )
    field = forms.ModelChoiceField(
        label=_("领域"), queryset=Field.objects.filter(is_active=True), required=False
    )
    department = forms.ModelChoiceField(
        label=_("发布部门"), queryset=Department.objects.filter(is_active=True), required=False
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("相关课题"), queryset=Topic.objects.all(), required=False
    )
    results = forms.ModelMultipleChoiceField(
        label=_("相关成果"), queryset=Result.objects.all(), required=False
    )
    files = MultipleFileField(label=_("附件"), required=False)
    is_public = forms.BooleanField(label=_("向社会公开"), required=False, initial=True)


class ItemFilterForm(forms.Form):
    q = forms.CharField(label=_("关键词"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("类型"), choices=[("", _("全部类型")), *Item.Kind.choices], required=False
    )
    field = forms.ModelChoiceField(
        label=_("领域"), queryset=Field.objects.all(), required=False, empty_label=_("全部领域")
    )
