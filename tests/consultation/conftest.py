import pytest

from gongzhi.consultation import actions
from gongzhi.consultation.models import Hearing

from tests.factories_consultation import TopicFactory, expert


@pytest.fixture
def topic(department_d, district_admin):
    return TopicFactory(department=department_d, created_by=district_admin)


@pytest.fixture
def elder_expert():
    return expert("elder_expert", ["elderly-childcare"], "养老服务体系、社区居家养老、长期护理保险")


@pytest.fixture
def traffic_expert():
    return expert("traffic_expert", ["transport"], "城市交通规划、停车管理、公交线网优化")


@pytest.fixture
def written_hearing(topic, district_admin, elder_expert):
    """A written hearing on `topic` that asks `elder_expert`."""
    return actions.start_hearing(
        topic,
        actor=district_admin,
        mode=Hearing.Mode.WRITTEN,
        question="问题",
        experts=[elder_expert],
    )
