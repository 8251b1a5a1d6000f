"""Forms for legal services: they validate input and hand clean values to the actions."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.legal.categories import LegalCategory
from gongzhi.legal.event_models import OutreachEvent
from gongzhi.legal.models import LegalCase, Mode, Outcome, Workstation
from gongzhi.people.models import Body, Member
from gongzhi.places.models import Place

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class RequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("您需要什么帮助"),
        choices=LegalCase.Kind.choices,
        widget=forms.RadioSelect,
        initial=LegalCase.Kind.CONSULTATION,
    )
    station = forms.ModelChoiceField(
        label=_("所在社区的工作站"),
        queryset=Workstation.objects.select_related("community").order_by("community__path"),
        empty_label=_("请选择"),
    )
    mode = forms.ChoiceField(
        label=_("希望怎么办"), choices=Mode.choices, widget=forms.RadioSelect, initial=Mode.ONLINE
    )
    body = forms.CharField(
        label=_("问题或经过"),
        min_length=5,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("说清楚发生了什么、什么时候、您希望怎么解决。只有承办特派员和站长能看到。"),
    )
    address = forms.CharField(
        label=_("上门地址"), max_length=200, required=False, help_text=_("选择上门服务时填写")
    )
    parties = forms.CharField(
        label=_("对方当事人"),
        max_length=200,
        required=False,
        help_text=_("申请调解时填写，例如：楼上邻居、某公司"),
    )
    dispute_kind = forms.ChoiceField(
        label=_("纠纷类型"),
        choices=[("", _("请选择（调解时填写）"))] + LegalCase.DisputeKind.choices,
        required=False,
    )
    amount = forms.DecimalField(
        label=_("涉及金额（元）"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    requester_type = forms.ChoiceField(
        label=_("申请人"),
        choices=LegalCase.RequesterType.choices,
        widget=forms.RadioSelect,
        initial=LegalCase.RequesterType.RESIDENT,
    )
    business_name = forms.CharField(label=_("企业名称"), max_length=100, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("mode") == Mode.HOME_VISIT and not (cleaned.get("address") or "").strip():
            self.add_error("address", _("上门服务请填写地址。"))
        if (
            cleaned.get("kind") == LegalCase.Kind.MEDIATION
            and not (cleaned.get("parties") or "").strip()
        ):
            self.add_error("parties", _("调解请填写对方当事人。"))
        if (
            cleaned.get("requester_type") == LegalCase.RequesterType.BUSINESS
            and not (cleaned.get("business_name") or "").strip()
        ):
            self.add_error("business_name", _("请填写企业名称。"))
        return cleaned


def _envoy_choices():
    return Member.objects.active().filter(body=Body.ENVOY).select_related("user")


class EnvoyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, member: Member) -> str:
        return member.user.public_name


class AcceptForm(forms.Form):
    pass


class PassOnForm(forms.Form):
    reason = forms.CharField(label=_("转交理由"), max_length=500)


class ReassignForm(forms.Form):
    to = EnvoyChoiceField(label=_("改派给"), queryset=Member.objects.none())
    reason = forms.CharField(label=_("理由"), max_length=500)

    def __init__(self, *args, station: Workstation | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        envoys = _envoy_choices()
        if station is not None:
            envoys = envoys.filter(postings__station=station).distinct()
        self.fields["to"].queryset = envoys


class CategoriseForm(forms.Form):
    category = forms.ChoiceField(label=_("法律类别"), choices=LegalCategory.choices)


class AnswerForm(forms.Form):
    body = forms.CharField(
        label=_("答复内容"), min_length=5, max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )


class CloseForm(forms.Form):
    follow_up_on = forms.DateField(
        label=_("回访日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_follow_up_on(self):
        day = self.cleaned_data.get("follow_up_on")
        # A follow-up is planned when the case closes, so it lies ahead.
        if day and day < timezone.localdate():
            raise forms.ValidationError(_("回访日期不能早于今天。"))
        return day


class ConcludeForm(CloseForm):
    outcome = forms.ChoiceField(
        label=_("办理结果"),
        choices=[c for c in Outcome.choices if c[0] != Outcome.ANSWERED],
        widget=forms.RadioSelect,
    )
    agreement = forms.CharField(
        label=_("调解协议内容"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("达成协议时填写：各方约定了什么、何时履行"),
    )
    note = forms.CharField(
        label=_("结果说明"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    field_order = ["outcome", "agreement", "note", "follow_up_on"]


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("撤回原因（可不填）"), max_length=500, required=False)


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("留言"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    is_internal = forms.BooleanField(label=_("仅特派员可见（内部备注）"), required=False)


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("材料名称"), max_length=100)
    file = forms.FileField(label=_("文件"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("文件不能超过 10 MB。"))
        return upload


class SessionForm(forms.Form):
    held_at = forms.DateTimeField(
        label=_("调解时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    venue = forms.CharField(label=_("地点"), max_length=200)
    participants = forms.CharField(label=_("参加人员"), max_length=300)
    summary = forms.CharField(
        label=_("调解情况"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def clean_held_at(self):
        held_at = self.cleaned_data.get("held_at")
        # This records a session that took place; one still to come is booked instead.
        if held_at and held_at > timezone.now():
            raise forms.ValidationError(_("调解时间不能晚于现在。"))
        return held_at


class ConsentForm(forms.Form):
    pass


class FollowUpForm(forms.Form):
    note = forms.CharField(
        label=_("回访情况"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class BookForm(forms.Form):
    slot = forms.CharField(widget=forms.HiddenInput)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("取消原因（可不填）"), max_length=200, required=False)


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("搜索"), required=False, max_length=100)


# Events ----------------------------------------------------------------------


class EventForm(forms.Form):
    topic = forms.CharField(label=_("主题"), max_length=100)
    community = forms.ModelChoiceField(
        label=_("社区"),
        queryset=Place.objects.filter(level=Place.Level.COMMUNITY),
        empty_label=_("请选择"),
    )
    form = forms.ChoiceField(
        label=_("形式"), choices=OutreachEvent.Form.choices, widget=forms.RadioSelect
    )
    venue = forms.CharField(label=_("地点或链接"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("开始时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label=_("结束时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    capacity = forms.IntegerField(label=_("名额（不填为不限）"), required=False, min_value=1)
    description = forms.CharField(
        label=_("活动介绍"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class HoldForm(forms.Form):
    attendance = forms.IntegerField(label=_("实际参加人数"), min_value=0)
    attended = forms.MultipleChoiceField(
        label=_("到场的报名人"), required=False, widget=forms.CheckboxSelectMultiple
    )
    summary = forms.CharField(
        label=_("活动小结"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, registrations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [(r.user_id, r.user.public_name) for r in registrations]


class CancelEventForm(forms.Form):
    reason = forms.CharField(label=_("取消原因"), max_length=500)


class PhotoForm(forms.Form):
    image = forms.ImageField(label=_("活动照片"))


class MaterialForm(DocumentForm):
    pass
