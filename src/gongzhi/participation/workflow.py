"""The lifecycles of the participation module, as explicit state machines.

Each table lists the named transitions of one kind of object; a transition
not listed does not exist, and the actions refuse it before changing anything.
"""

from django.utils.translation import gettext_lazy as _

from gongzhi.participation.models import (
    BudgetRound,
    Deliberation,
    Dispute,
    HelpPost,
    MicroProject,
    Survey,
    TalkDay,
)
from gongzhi.results.workflow import TransitionNotAllowed, Workflow, step

__all__ = [
    "DELIBERATION",
    "DISPUTE",
    "HELP",
    "PROJECT",
    "ROUND",
    "SURVEY",
    "TALK_DAY",
    "TransitionNotAllowed",
]

_D, _P, _R = Deliberation.Status, MicroProject.Status, BudgetRound.Status

DELIBERATION = Workflow([step("close", _("形成结论"), [_D.OPEN], _D.CLOSED)])

PROJECT = Workflow(
    [
        step("approve", _("审核通过"), [_P.PROPOSED], _P.FEASIBLE),
        step("decline", _("审核不通过"), [_P.PROPOSED], _P.DECLINED),
        step("fund", _("获得资助"), [_P.FEASIBLE], _P.FUNDED),
        step("not_fund", _("未获资助"), [_P.FEASIBLE], _P.NOT_FUNDED),
        step("milestone", _("报告进展"), [_P.FUNDED, _P.IN_PROGRESS], _P.IN_PROGRESS),
        step("accept", _("验收"), [_P.IN_PROGRESS], _P.FINISHED),
    ]
)

ROUND = Workflow(
    [
        step("open", _("开始投票"), [_R.DRAFT], _R.OPEN),
        step("close", _("结束投票"), [_R.OPEN], _R.CLOSED),
        step("allocate", _("计票并公布"), [_R.CLOSED], _R.ALLOCATED),
    ]
)

SURVEY = Workflow(
    [
        step("publish", _("发布"), [Survey.Status.DRAFT], Survey.Status.OPEN),
        step("close", _("结束征集"), [Survey.Status.OPEN], Survey.Status.CLOSED),
    ]
)

TALK_DAY = Workflow(
    [
        step("hold", _("召开并记录纪要"), [TalkDay.Status.SCHEDULED], TalkDay.Status.HELD),
        step("cancel", _("取消"), [TalkDay.Status.SCHEDULED], TalkDay.Status.CANCELLED),
    ]
)

_H = HelpPost.Status
HELP = Workflow(
    [
        step("match", _("结对"), [_H.OPEN], _H.MATCHED),
        step("done", _("完成"), [_H.MATCHED], _H.DONE),
        step("withdraw", _("撤回"), [_H.OPEN], _H.WITHDRAWN),
    ]
)

DISPUTE = Workflow(
    [
        step("resolve", _("化解"), [Dispute.Status.OPEN], Dispute.Status.RESOLVED),
        step("hand_off", _("移交法务"), [Dispute.Status.OPEN], Dispute.Status.HANDED_OFF),
    ]
)
