import pytest

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
