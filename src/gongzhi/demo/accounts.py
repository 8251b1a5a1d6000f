"""The demo logins: one account per role, all with the same demo-only password.

`gongzhi load-demo` creates them and `gongzhi demo-logins` prints them; both
read this module, so the list lives in one place.
"""

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext_lazy as _

from gongzhi.people.models import Body, Member, Staff, User
from gongzhi.places.models import Department, Field, Place

# Demo only: printed in the terminal and the README, never used outside a demo.
DEMO_PASSWORD = "gongzhi-demo"  # noqa: S105


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    display_name: str


ACCOUNTS = [
    DemoAccount("demo-resident", _("居民"), "林小满"),
    DemoAccount("demo-expert", _("专家委员"), "陈思远"),
    DemoAccount("demo-citizen", _("市民委员"), "黄秀英"),
    DemoAccount("demo-envoy", _("法务特派员"), "郑律行"),
    DemoAccount("demo-community", _("社区工作人员"), "王社区"),
    DemoAccount("demo-department", _("部门工作人员（区住建局）"), "刘住建"),
    DemoAccount("demo-admin", _("区级管理员"), "张管理"),
]


def login_lines() -> list[str]:
    """One line per demo account: username, password and role."""
    return [f"  {a.username:<17} {DEMO_PASSWORD}  {a.role}" for a in ACCOUNTS]


def create_accounts(community: Place, department: Department, term_start) -> dict[str, User]:
    """Create every demo account; `community` is home of the resident and the community staff."""
    # One hash for all seven: hashing is deliberately slow, and the password
    # is the same anyway.
    password = make_password(DEMO_PASSWORD)
    users = {
        a.username: User.objects.create(
            username=a.username,
            display_name=f"{a.display_name}（演示）",
            password=password,
            community=community,
            is_verified=True,
            is_demo=True,
        )
        for a in ACCOUNTS
    }
    _enrol(
        users["demo-expert"],
        Body.EXPERT,
        None,
        ["social-governance", "urban-construction"],
        term_start,
    )
    _enrol(users["demo-citizen"], Body.CITIZEN, community, ["livable-homes"], term_start)
    _enrol(users["demo-envoy"], Body.ENVOY, community, ["public-safety-law"], term_start)
    Staff.objects.create(
        user=users["demo-community"],
        kind=Staff.Kind.COMMUNITY,
        community=community,
        title="社区书记",
    )
    Staff.objects.create(
        user=users["demo-department"],
        kind=Staff.Kind.DEPARTMENT,
        department=department,
        title="科员",
    )
    admin = users["demo-admin"]
    admin.is_staff = admin.is_superuser = True
    admin.save(update_fields=["is_staff", "is_superuser"])
    Staff.objects.create(user=admin, kind=Staff.Kind.DISTRICT, title="区级管理员")
    return users


SECTORS = {
    Body.EXPERT: Member.Sector.ACADEMIA,
    Body.CITIZEN: Member.Sector.COMMUNITY,
    Body.ENVOY: Member.Sector.LAW_FIRM,
}


def _enrol(
    user: User, body: str, community: Place | None, field_codes: list[str], term_start
) -> None:
    member = Member.objects.create(
        user=user,
        body=body,
        community=community,
        status=Member.Status.ACTIVE,
        term_start=term_start,
        sector=SECTORS[body],
    )
    member.fields.set(Field.objects.filter(code__in=field_codes))
