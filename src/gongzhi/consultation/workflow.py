"""The lifecycles of topics, hearings, studies and advice, as explicit state machines."""

from django.utils.translation import gettext_lazy as _

from gongzhi.consultation.models import Advice, Hearing, Study, Topic
from gongzhi.results.workflow import Workflow, step

TOPIC = Workflow(
    [
        step("start", _("开展"), [Topic.Status.PLANNED], Topic.Status.IN_PROGRESS),
        step("conclude", _("形成成果"), [Topic.Status.IN_PROGRESS], Topic.Status.CONCLUDED),
    ]
)

HEARING = Workflow(
    [
        step("invite", _("邀请专家"), [Hearing.Status.OPEN], Hearing.Status.OPEN),
        step("opinion", _("提交意见"), [Hearing.Status.OPEN], Hearing.Status.OPEN),
        step("close", _("结束征询"), [Hearing.Status.OPEN], Hearing.Status.CLOSED),
        step("summarize", _("撰写综述"), [Hearing.Status.CLOSED], Hearing.Status.SUMMARIZED),
    ]
)

STUDY = Workflow(
    [
        step("plan", _("提交调研方案"), [Study.Status.COMMISSIONED], Study.Status.PLANNED),
        step("interim", _("提交中期报告"), [Study.Status.PLANNED], Study.Status.INTERIM),
        step("final", _("提交最终报告"), [Study.Status.INTERIM], Study.Status.REVIEWING),
        step("return", _("退回修改"), [Study.Status.REVIEWING], Study.Status.INTERIM),
        step("accept", _("验收通过"), [Study.Status.REVIEWING], Study.Status.ACCEPTED),
    ]
)

ADVICE = Workflow(
    [
        step("take_in", _("纳入课题清单"), [Advice.Status.SUBMITTED], Advice.Status.TAKEN_IN),
        step("decline", _("不予采用"), [Advice.Status.SUBMITTED], Advice.Status.DECLINED),
    ]
)

# Which milestone each study step delivers.
MILESTONE_OF_STEP = {"plan": "plan", "interim": "interim", "final": "final"}
