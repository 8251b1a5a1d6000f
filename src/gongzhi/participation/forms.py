"""Forms of the participation pages: they validate input and hand clean values to the actions."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gongzhi.needs.forms import MultipleImageField
from gongzhi.needs.models import Need, Status
from gongzhi.participation.models import (
    Comment,
    Deliberation,
    HelpPost,
    MicroProject,
    Question,
    Stance,
    Survey,
)
from gongzhi.places.models import Department, Field, Place


def _communities():
    return Place.objects.filter(level=Place.Level.COMMUNITY)


class OpenDeliberationForm(forms.Form):
    need = forms.IntegerField(
        label=_("诉求编号"), min_value=1, help_text=_("诉求详情页标题上方的 # 号")
    )
    question = forms.CharField(
        label=_("议题"), max_length=200, required=False, help_text=_("留空则使用诉求标题")
    )

    def clean_need(self):
        need = (
            Need.objects.filter(pk=self.cleaned_data["need"], is_public=True)
            .exclude(status__in=[Status.REJECTED, Status.MERGED])
            .select_related("place")
            .first()
        )
        if need is None:
            raise ValidationError(_("找不到可议事的公开诉求。"))
        return need


class StanceForm(forms.Form):
    side = forms.ChoiceField(choices=Stance.Side.choices)


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("重要程度"),
        coerce=int,
        widget=forms.RadioSelect,
        choices=[(n, "★" * n) for n in range(1, 6)],
    )


class CommentForm(forms.Form):
    side = forms.ChoiceField(
        label=_("观点"),
        choices=Comment.Side.choices,
        initial=Comment.Side.NEUTRAL,
        widget=forms.RadioSelect,
    )
    body = forms.CharField(
        label=_("发言"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class HideForm(forms.Form):
    reason = forms.CharField(label=_("屏蔽理由"), max_length=200)


class StatementForm(forms.Form):
    text = forms.CharField(
        label=_("提出一个观点"),
        min_length=4,
        max_length=140,
        help_text=_("一句话，4到140字，其他人会表态同意或不同意"),
    )


class CloseDeliberationForm(forms.Form):
    conclusion = forms.CharField(
        label=_("议事结论"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    outcome = forms.ChoiceField(
        label=_("结论去向"),
        choices=Deliberation.Outcome.choices,
        widget=forms.RadioSelect,
        initial=Deliberation.Outcome.NONE,
    )
    department = forms.ModelChoiceField(
        label=_("承办部门（转部门办理时）"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
    )
    estimated_cost = forms.IntegerField(
        label=_("估算费用（元，形成微实事提案时）"), min_value=1, required=False
    )


class SurveyForm(forms.Form):
    """A survey with up to eight questions, typed in as lines: one question per block."""

    title = forms.CharField(label=_("标题"), max_length=120)
    intro = forms.CharField(
        label=_("说明"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    audience = forms.ChoiceField(label=_("调查对象"), choices=Survey.Audience.choices)
    community = forms.ModelChoiceField(label=_("社区"), queryset=_communities(), required=False)
    field = forms.ModelChoiceField(
        label=_("领域"), queryset=Field.objects.filter(is_active=True), required=False
    )
    is_anonymous = forms.BooleanField(
        label=_("匿名调查（结果和导出中都不显示答卷人）"), required=False
    )
    questions = forms.CharField(
        label=_("题目"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "每题一行：题型|题目|选项1/选项2/…。题型为 单选、多选、打分、填空，例如：单选|您是否支持加装电梯？|支持/反对"
        ),
    )

    KINDS = {
        "单选": Question.Kind.SINGLE,
        "多选": Question.Kind.MULTIPLE,
        "打分": Question.Kind.SCALE,
        "填空": Question.Kind.TEXT,
    }

    def clean_questions(self):
        specs = []
        for number, line in enumerate(self.cleaned_data["questions"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) < 2 or parts[0] not in self.KINDS:
                raise ValidationError(_("第%(n)s行格式不对。") % {"n": number})
            choices = parts[2].split("/") if len(parts) > 2 else []
            specs.append(
                {
                    "kind": self.KINDS[parts[0]],
                    "text": parts[1],
                    "choices": choices,
                    "required": parts[0] != "填空",
                }
            )
        if not specs:
            raise ValidationError(_("请至少添加一道题。"))
        return specs


def answer_form(survey: Survey, questions) -> type[forms.Form]:
    """A form class with one field per question of `survey`, named q<id>."""
    fields = {}
    for q in questions:
        name, label = f"q{q.pk}", q.text
        options = [(c.pk, c.text) for c in q.choices.all()]
        if q.kind == Question.Kind.SINGLE:
            fields[name] = forms.TypedChoiceField(
                label=label,
                choices=options,
                coerce=int,
                widget=forms.RadioSelect,
                required=q.is_required,
            )
        elif q.kind == Question.Kind.MULTIPLE:
            fields[name] = forms.TypedMultipleChoiceField(
                label=label,
                choices=options,
                coerce=int,
                widget=forms.CheckboxSelectMultiple,
                required=q.is_required,
            )
        elif q.kind == Question.Kind.SCALE:
            scale = [(n, str(n)) for n in range(1, q.scale_max + 1)]
            fields[name] = forms.TypedChoiceField(
                label=label,
                choices=scale,
                coerce=int,
                widget=forms.RadioSelect,
                required=q.is_required,
            )
        else:
            fields[name] = forms.CharField(
                label=label,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 3}),
                required=q.is_required,
            )
    return type("AnswerForm", (forms.Form,), fields)


class TalkDayForm(forms.Form):
    topic = forms.CharField(label=_("主题"), max_length=120)
    community = forms.ModelChoiceField(label=_("社区"), queryset=_communities())
    venue = forms.CharField(label=_("地点"), max_length=120)
    starts_at = forms.DateTimeField(
        label=_("开始时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label=_("结束时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    officials = forms.CharField(label=_("出席领导及部门"), max_length=300, required=False)
    capacity = forms.IntegerField(label=_("名额"), min_value=1, max_value=5000)
    intro = forms.CharField(
        label=_("说明"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("会议纪要"), widget=forms.Textarea(attrs={"rows": 6}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("原因"), max_length=500)


class ConcernForm(forms.Form):
    title = forms.CharField(label=_("诉求标题"), min_length=4, max_length=60)
    body = forms.CharField(
        label=_("诉求内容"), min_length=10, widget=forms.Textarea(attrs={"rows": 3})
    )
    raised_by = forms.IntegerField(
        label=_("提出人（报名居民）"), required=False, widget=forms.Select
    )
    field = forms.ModelChoiceField(
        label=_("领域"), queryset=Field.objects.filter(is_active=True), required=False
    )


class ProjectForm(forms.Form):
    title = forms.CharField(label=_("项目名称"), max_length=120)
    description = forms.CharField(
        label=_("项目内容"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )
    community = forms.ModelChoiceField(label=_("社区"), queryset=_communities())
    place_text = forms.CharField(label=_("具体位置"), max_length=200, required=False)
    field = forms.ModelChoiceField(
        label=_("领域"), queryset=Field.objects.filter(is_active=True), required=False
    )
    estimated_cost = forms.IntegerField(
        label=_("估算费用（元）"), min_value=1, max_value=10_000_000
    )
    images = MultipleImageField(label=_("图片"), required=False)


class ReviewForm(forms.Form):
    feasible = forms.TypedChoiceField(
        label=_("审核结论"),
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        choices=[("yes", _("可行")), ("no", _("不可行"))],
    )
    reviewed_cost = forms.IntegerField(label=_("核定费用（元）"), min_value=1, required=False)
    note = forms.CharField(
        label=_("审核意见"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("进展"), max_length=120)
    note = forms.CharField(
        label=_("说明"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    images = MultipleImageField(label=_("照片"), required=False)


class AcceptForm(forms.Form):
    note = forms.CharField(label=_("验收意见"), widget=forms.Textarea(attrs={"rows": 3}))


class RoundForm(forms.Form):
    title = forms.CharField(label=_("名称"), max_length=120)
    community = forms.ModelChoiceField(label=_("社区"), queryset=_communities())
    cap = forms.IntegerField(label=_("预算总额（元）"), min_value=1)
    closes_at = forms.DateTimeField(
        label=_("投票截止"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


class BallotForm(forms.Form):
    projects = forms.ModelMultipleChoiceField(
        label=_("选择项目"),
        queryset=MicroProject.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, budget_round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["projects"].queryset = budget_round.projects.all()
        self.fields["projects"].label_from_instance = lambda p: f"{p.title}（{p.cost:,}元）"


class HelpForm(forms.Form):
    direction = forms.ChoiceField(
        label=_("类型"), choices=HelpPost.Direction.choices, widget=forms.RadioSelect
    )
    kind = forms.ChoiceField(label=_("互助类别"), choices=HelpPost.Kind.choices)
    title = forms.CharField(label=_("标题"), max_length=80)
    body = forms.CharField(
        label=_("说明"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("说明"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ThanksForm(forms.Form):
    words = forms.CharField(label=_("感谢的话"), max_length=200)


class FindingForm(forms.Form):
    note = forms.CharField(label=_("现场情况"), widget=forms.Textarea(attrs={"rows": 4}))
    images = MultipleImageField(label=_("现场照片"), required=False)


class DisputeForm(forms.Form):
    grid = forms.ModelChoiceField(label=_("网格"), queryset=Place.objects.none())
    title = forms.CharField(label=_("纠纷"), max_length=120)
    parties = forms.CharField(
        label=_("当事人"), max_length=200, required=False, help_text=_("例如：3栋502住户与402住户")
    )
    summary = forms.CharField(label=_("经过"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, grids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grid"].queryset = Place.objects.filter(pk__in=[g.pk for g in grids])


class OutcomeForm(forms.Form):
    outcome = forms.CharField(label=_("调处结果"), widget=forms.Textarea(attrs={"rows": 3}))
