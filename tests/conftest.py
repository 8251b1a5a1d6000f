"""Shared fixtures: a small place tree, two departments, the named personas, and `need_at`.

The tree used by the personas:

    鼓楼区 (district)
    ├── 东街街道 ── 三坊七巷社区 (community_a) ── 第一网格 (grid_a)
    └── 南街街道 ── 安泰社区 (community_b)

Departments: 城市管理局 (department_d), 交通运输局 (department_e).
"""

from collections.abc import Callable

import pytest

from gongzhi.needs import actions
from gongzhi.needs.models import Need, Status
from gongzhi.people.models import User
from gongzhi.places.models import Department, Place

from tests import factories


@pytest.fixture(autouse=True)
def _fast_passwords_and_private_media(settings, tmp_path):
    # Hashing a password the production way costs a noticeable fraction of a
    # second; every persona has one. Uploads go to a folder the test owns.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"


# Places and departments ------------------------------------------------------


@pytest.fixture
def district(db) -> Place:
    return factories.DistrictFactory()


@pytest.fixture
def community_a(district) -> Place:
    subdistrict = factories.SubdistrictFactory(parent=district, name="东街街道", code="dongjie")
    return factories.CommunityFactory(parent=subdistrict, name="三坊七巷社区", code="community-a")


@pytest.fixture
def grid_a(community_a) -> Place:
    return factories.GridFactory(parent=community_a, name="第一网格", code="grid-a")


@pytest.fixture
def community_b(district) -> Place:
    subdistrict = factories.SubdistrictFactory(parent=district, name="南街街道", code="nanjie")
    return factories.CommunityFactory(parent=subdistrict, name="安泰社区", code="community-b")


@pytest.fixture
def department_d(db) -> Department:
    return factories.DepartmentFactory(name="城市管理局", fields=["urban-construction"])


@pytest.fixture
def department_e(db) -> Department:
    return factories.DepartmentFactory(name="交通运输局", fields=["transport"])


# Personas --------------------------------------------------------------------


@pytest.fixture
def resident(community_a) -> User:
    return factories.UserFactory(username="resident", display_name="林晓", community=community_a)


@pytest.fixture
def other_resident(community_b) -> User:
    return factories.UserFactory(
        username="other_resident", display_name="陈明", community=community_b
    )


def _staff_user(factory, username: str, **scope) -> User:
    return factory(user__username=username, **scope).user


@pytest.fixture
def community_staff(community_a) -> User:
    return _staff_user(factories.CommunityStaffFactory, "community_staff", community=community_a)


@pytest.fixture
def other_community_staff(community_b) -> User:
    return _staff_user(
        factories.CommunityStaffFactory, "other_community_staff", community=community_b
    )


@pytest.fixture
def department_staff(department_d) -> User:
    return _staff_user(
        factories.DepartmentStaffFactory, "department_staff", department=department_d
    )


@pytest.fixture
def other_department_staff(department_e) -> User:
    return _staff_user(
        factories.DepartmentStaffFactory, "other_department_staff", department=department_e
    )


@pytest.fixture
def district_admin(db) -> User:
    return _staff_user(factories.DistrictAdminFactory, "district_admin")


# Needs through the real workflow ---------------------------------------------

NeedAt = Callable[..., Need]


@pytest.fixture
def need_at(resident, community_a, department_d, district_admin) -> NeedAt:
    """Bring a new need to `status` through the real actions.

    `need_at(Status.CLOSED, rating="dissatisfied")` submits a need as
    `resident` in `community_a`, and the district admin takes it in, assigns
    it to `department_d`, replies and closes it; then the submitter rates it.
    Override `submitter`, `place`, `department` or `actor` (who does the
    staff steps); other keywords go to `actions.submit`.
    """

    def bring(
        status: str,
        *,
        submitter: User | None = None,
        place: Place | None = community_a,
        department: Department | None = None,
        actor: User | None = None,
        rating: str = "",
        **submitted,
    ) -> Need:
        submitter = submitter or resident
        actor = actor or district_admin
        submitted.setdefault("title", "老旧小区加装电梯进展缓慢")
        submitted.setdefault("body", "我们楼里住着很多老人，加装电梯的申请提交半年了还没有消息。")
        submitted.setdefault("field", factories.field("livable-homes"))
        need = actions.submit(submitter, place=place, **submitted)
        if status == Status.SUBMITTED:
            return need
        if status == Status.ARCHIVED:
            # Only an import archives a need; do to this one what it does.
            Need.objects.filter(pk=need.pk).update(status=Status.ARCHIVED, accept_due=None)
            need.refresh_from_db()
            return need
        if status == Status.REJECTED:
            return actions.reject(need, actor=actor, reason="属于司法程序，不予受理。")
        if status == Status.MERGED:
            kept = actions.submit(submitter, place=place, **submitted)
            return actions.merge(need, into=kept, actor=actor)

        need = actions.accept(need, actor=actor)
        if status == Status.ACCEPTED:
            return need
        need = actions.assign(need, department=department or department_d, actor=actor)
        if status == Status.ASSIGNED:
            return need
        need = actions.reply(need, body="已与物业协调，下月施工。", actor=actor)
        if status == Status.REPLIED:
            return need
        need = actions.close(need, actor=actor)
        if rating:
            need = actions.rate(need, rating=rating, actor=submitter)
        return need

    return bring
