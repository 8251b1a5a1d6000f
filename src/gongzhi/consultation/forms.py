"""Forms for consultation: they validate input and hand clean values to the actions."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.consultation.models import Hearing, Milestone, Topic
from gongzhi.core.calendar import SHANGHAI
from gongzhi.people.models import Body, Member
from gongzhi.places.models import Department, Field


def end_of_day(day: dt.date | None) -> dt.datetime | None:
    """A deadline given as a date ends at midnight, Shanghai time."""
    if day is None:
        return None
    return dt.datetime.combine(
        day + dt.timedelta(days=1), dt.time(), tzinfo=SHANGHAI
    ) - dt.timedelta(microseconds=1)


class CheckboxList(forms.CheckboxSelectMultiple):
    """Checkboxes that the shared field template lays out as a list under their label."""

    # core/_field.html puts a single "checkbox" input beside its label; a list
    # of them needs the label above, so the widget reports another type.
    input_type = "checkbox-list"

    def create_option(self, *args, **kwargs):
        option = super().create_option(*args, **kwargs)
        option["type"] = "checkbox"
        return option


class ExpertChoiceField(forms.ModelMultipleChoiceField):
    widget = CheckboxList

    def label_from_instance(self, member: Member) -> str:
        return f"{member.user.public_name}（{member.affiliation or member.get_sector_display()}）"


def active_experts():
    return Member.objects.active().filter(body=Body.EXPERT).select_related("user")


class DateInput(forms.DateInput):
    input_type = "date"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"


class TopicForm(forms.Form):
    year = forms.IntegerField(
        label=_("年度"), min_value=2000, max_value=2100, initial=lambda: timezone.localdate().year
    )
    title = forms.CharField(label=_("课题名称"), max_length=200)
    background = forms.CharField(
        label=_("背景"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )
    field = forms.ModelChoiceField(label=_("领域"), queryset=Field.objects.filter(is_active=True))
    department = forms.ModelChoiceField(
        label=_("牵头部门"), queryset=Department.objects.filter(is_active=True)
    )
    priority = forms.ChoiceField(
        label=_("优先级"), choices=Topic.Priority.choices, initial=Topic.Priority.NORMAL
    )
    parties = forms.CharField(
        label=_("利益相关单位"),
        max_length=300,
        required=False,
        help_text=_("多个单位用逗号分隔；在这些单位工作的专家会被标记为利益冲突。"),
    )
    is_public = forms.BooleanField(label=_("向社会公开"), required=False, initial=True)


class TopicFilterForm(forms.Form):
    q = forms.CharField(label=_("关键词"), required=False, max_length=100)
    year = forms.IntegerField(label=_("年度"), required=False, min_value=2000, max_value=2100)
    field = forms.ModelChoiceField(
        label=_("领域"), queryset=Field.objects.all(), required=False, empty_label=_("全部领域")
    )
    status = forms.ChoiceField(
        label=_("状态"), choices=[("", _("全部状态")), *Topic.Status.choices], required=False
    )


class HearingForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("方式"), choices=Hearing.Mode.choices, initial=Hearing.Mode.WRITTEN
    )
    question = forms.CharField(
        label=_("征询问题"), widget=forms.Textarea(attrs={"rows": 4}), max_length=3000
    )
    experts = ExpertChoiceField(label=_("邀请专家"), queryset=Member.objects.none())
    opinions_due = forms.DateField(
        label=_("意见截止日期"),
        required=False,
        widget=DateInput,
        help_text=_("不填则按规则自动计算工作日期限。"),
    )
    meeting_at = forms.DateTimeField(label=_("会议时间"), required=False, widget=DateTimeInput)
    meeting_place = forms.CharField(label=_("会议地点"), max_length=200, required=False)
    is_online = forms.BooleanField(label=_("线上会议"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["experts"].queryset = active_experts()

    def clean(self):
        cleaned = super().clean()
        # A hearing asks for what is still to come.
        due = cleaned.get("opinions_due")
        if due and due < timezone.localdate():
            self.add_error("opinions_due", _("意见截止日期不能早于今天。"))
        meeting_at = cleaned.get("meeting_at")
        if meeting_at and meeting_at < timezone.now():
            self.add_error("meeting_at", _("会议时间不能早于现在。"))
        return cleaned


class InviteForm(forms.Form):
    experts = ExpertChoiceField(label=_("邀请专家"), queryset=Member.objects.none())

    def __init__(self, *args, hearing: Hearing, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["experts"].queryset = active_experts().exclude(invitations__hearing=hearing)


class OpinionForm(forms.Form):
    body = forms.CharField(
        label=_("意见内容"),
        widget=forms.Textarea(attrs={"rows": 6}),
        min_length=10,
        max_length=8000,
    )


class CloseHearingForm(forms.Form):
    attended = ExpertChoiceField(
        label=_("出席专家"), queryset=Member.objects.none(), required=False
    )
    minutes = forms.CharField(
        label=_("会议纪要"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=10000,
    )

    def __init__(self, *args, hearing: Hearing, **kwargs):
        super().__init__(*args, **kwargs)
        if hearing.mode == Hearing.Mode.MEETING:
            self.fields["attended"].queryset = active_experts().filter(invitations__hearing=hearing)
        else:
            del self.fields["attended"]
            del self.fields["minutes"]


class SummaryForm(forms.Form):
    title = forms.CharField(label=_("综述标题"), max_length=200)
    summary = forms.CharField(
        label=_("综述内容"), widget=forms.Textarea(attrs={"rows": 6}), max_length=10000
    )
    is_public = forms.BooleanField(label=_("向社会公开"), required=False, initial=True)


class StudyForm(forms.Form):
    brief = forms.CharField(
        label=_("调研要求"), widget=forms.Textarea(attrs={"rows": 4}), max_length=3000
    )
    experts = ExpertChoiceField(label=_("承担专家"), queryset=Member.objects.none())
    plan_due = forms.DateField(label=_("方案期限"), required=False, widget=DateInput)
    interim_due = forms.DateField(label=_("中期报告期限"), required=False, widget=DateInput)
    final_due = forms.DateField(label=_("最终报告期限"), required=False, widget=DateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["experts"].queryset = active_experts()

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        steps = [(name, cleaned.get(name)) for name in ("plan_due", "interim_due", "final_due")]
        for name, day in steps:
            if day and day < today:
                self.add_error(name, _("期限不能早于今天。"))
        given = [(name, day) for name, day in steps if day]
        for (_earlier, first), (name, later) in zip(given, given[1:], strict=False):
            if later < first:
                self.add_error(name, _("期限须按方案、中期报告、最终报告的顺序排列。"))
        return cleaned


class DeliverForm(forms.Form):
    document = forms.FileField(label=_("文件"))
    note = forms.CharField(
        label=_("说明"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=3000
    )


class ReturnStudyForm(forms.Form):
    note = forms.CharField(
        label=_("修改意见"), widget=forms.Textarea(attrs={"rows": 3}), max_length=3000
    )


class AcceptStudyForm(forms.Form):
    summary = forms.CharField(
        label=_("成果摘要"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    is_public = forms.BooleanField(label=_("向社会公开"), required=False, initial=True)


class AdviceForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=200)
    body = forms.CharField(
        label=_("内容"), widget=forms.Textarea(attrs={"rows": 8}), min_length=20, max_length=10000
    )
    field = forms.ModelChoiceField(label=_("领域"), queryset=Field.objects.filter(is_active=True))
    department = forms.ModelChoiceField(
        label=_("建议承办部门"), queryset=Department.objects.filter(is_active=True)
    )


class TakeInForm(forms.Form):
    year = forms.IntegerField(
        label=_("纳入年度"),
        min_value=2000,
        max_value=2100,
        initial=lambda: timezone.localdate().year,
    )
    priority = forms.ChoiceField(
        label=_("优先级"), choices=Topic.Priority.choices, initial=Topic.Priority.NORMAL
    )
    is_public = forms.BooleanField(label=_("向社会公开"), required=False, initial=True)


class DeclineAdviceForm(forms.Form):
    reason = forms.CharField(
        label=_("未采用理由（专家可见）"), widget=forms.Textarea(attrs={"rows": 3}), max_length=3000
    )


class ConflictForm(forms.Form):
    note = forms.CharField(label=_("利益冲突说明"), max_length=300)


MILESTONE_LABELS = dict(Milestone.Kind.choices)
