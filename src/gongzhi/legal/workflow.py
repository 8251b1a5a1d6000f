"""The lifecycles of a legal case and of a legal-education event, as explicit state machines.

A request comes in offered to one envoy (SUBMITTED). The envoy accepts it or
passes it on; the station's lead envoy may reassign it. A consultation is
answered and then closed; a mediation (or a consultation referred elsewhere)
is concluded with its outcome. The requester may withdraw an open case.

    submit ─▶ SUBMITTED ──accept──▶ ACCEPTED ──answer──▶ ANSWERED ──close──▶ CLOSED
               │  ↺ pass_on, reassign  │ └────────conclude (outcome)────────▶ CLOSED
               └──────withdraw─────────┴──▶ WITHDRAWN
"""

from django.utils.translation import gettext_lazy as _

from gongzhi.legal.event_models import EventStatus
from gongzhi.legal.models import CaseStatus as S
from gongzhi.results.workflow import Workflow, step

CASE_WORKFLOW = Workflow(
    [
        step("accept", _("接单"), [S.SUBMITTED], S.ACCEPTED),
        step("pass_on", _("转给其他特派员"), [S.SUBMITTED], S.SUBMITTED),
        step("reassign", _("改派"), [S.SUBMITTED, S.ACCEPTED], S.SUBMITTED),
        step("answer", _("答复"), [S.ACCEPTED], S.ANSWERED),
        step("close", _("办结"), [S.ANSWERED], S.CLOSED),
        step("conclude", _("记录办理结果"), [S.ACCEPTED], S.CLOSED),
        step("withdraw", _("撤回申请"), [S.SUBMITTED, S.ACCEPTED], S.WITHDRAWN),
    ]
)

EVENT_WORKFLOW = Workflow(
    [
        step("hold", _("记录举办情况"), [EventStatus.PLANNED], EventStatus.HELD),
        step("cancel", _("取消活动"), [EventStatus.PLANNED], EventStatus.CANCELLED),
    ]
)
