"""Factories for the domain models, shared by every test package.

Places: `CommunityFactory()` builds a community inside a new subdistrict of
the one test district; pass `parent=` to put places side by side. Fields are
the twelve seeded by the places migration and are fetched by code, never
duplicated. `NeedFactory(status=...)` writes a need directly in any status
with consistent timestamps and deadlines; to go through the real actions use
the `need_at` fixture in `tests/conftest.py` instead.
"""

import datetime as dt
from importlib import import_module

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from gongzhi.core.calendar import working_days_after
from gongzhi.core.models import Holiday
from gongzhi.needs.models import Follow, Need, NeedPolicy, Rating, Reply, Status, TimelineEntry
from gongzhi.people.models import Body, Member, Staff, User
from gongzhi.places.models import Department, Field, Place

# The twelve default fields as places/0003 seeds them: (code, name, English name, aliases).
DEFAULT_FIELDS = import_module("gongzhi.places.migrations.0003_default_fields").DEFAULT_FIELDS
FIELD_CODES = [code for code, *_ in DEFAULT_FIELDS]

# Statuses a need reaches only after it was accepted, assigned, replied.
_ACCEPTED_OR_LATER = {Status.ACCEPTED, Status.ASSIGNED, Status.REPLIED, Status.CLOSED}
_ASSIGNED_OR_LATER = {Status.ASSIGNED, Status.REPLIED, Status.CLOSED}
_REPLIED_OR_LATER = {Status.REPLIED, Status.CLOSED}


def field(code: str = "social-governance") -> Field:
    """One of the seeded default fields, by its code.

    The migration seeds them, but a test marked `transaction=True` empties
    every table when it ends; the row is then made again exactly as seeded.
    """
    position, (_code, name, name_en, aliases) = next(
        (i, row) for i, row in enumerate(DEFAULT_FIELDS, start=1) if row[0] == code
    )
    found, _created = Field.objects.get_or_create(
        code=code,
        defaults={"name": name, "name_en": name_en, "aliases": aliases, "position": position},
    )
    return found


def fields_by_code(codes) -> list[Field]:
    """The seeded default fields with these codes."""
    return [field(code) for code in codes]


# Places ----------------------------------------------------------------------


class PlaceFactory(DjangoModelFactory):
    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"地点{n}")
    code = factory.Sequence(lambda n: f"p{n}")
    level = Place.Level.DISTRICT
    parent = None


class DistrictFactory(PlaceFactory):
    """The one test district: every call returns the same row unless given another code."""

    class Meta:
        django_get_or_create = ("code",)

    name = "鼓楼区"
    code = "district"
    level = Place.Level.DISTRICT


class SubdistrictFactory(PlaceFactory):
    name = factory.Sequence(lambda n: f"第{n}街道")
    code = factory.Sequence(lambda n: f"s{n}")
    level = Place.Level.SUBDISTRICT
    parent = factory.SubFactory(DistrictFactory)


class CommunityFactory(PlaceFactory):
    name = factory.Sequence(lambda n: f"第{n}社区")
    code = factory.Sequence(lambda n: f"c{n}")
    level = Place.Level.COMMUNITY
    parent = factory.SubFactory(SubdistrictFactory)


class GridFactory(PlaceFactory):
    name = factory.Sequence(lambda n: f"第{n}网格")
    code = factory.Sequence(lambda n: f"g{n}")
    level = Place.Level.GRID
    parent = factory.SubFactory(CommunityFactory)


# Departments and calendar --------------------------------------------------------


class DepartmentFactory(DjangoModelFactory):
    class Meta:
        model = Department
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"第{n}职能部门")

    @factory.post_generation
    def fields(self, create, codes, **kwargs):
        """`DepartmentFactory(fields=["transport"])` makes it answer for those seeded fields."""
        if create and codes:
            self.fields.set(fields_by_code(codes))


class HolidayFactory(DjangoModelFactory):
    class Meta:
        model = Holiday
        django_get_or_create = ("date",)

    date = dt.date(2024, 10, 1)
    name = "国庆节"
    is_working_day = False


def set_policy(**values) -> NeedPolicy:
    """Change the district's need policy (deadlines, reopens) and return it."""
    policy = NeedPolicy.current()
    for name, value in values.items():
        setattr(policy, name, value)
    policy.save()
    return policy


# People ----------------------------------------------------------------------


class UserFactory(DjangoModelFactory):
    """A resident with an account; signs in with the password "password"."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.Faker("name", locale="zh_CN")
    password = factory.django.Password("password")
    community = None


ResidentFactory = UserFactory


class StaffFactory(DjangoModelFactory):
    class Meta:
        model = Staff

    user = factory.SubFactory(UserFactory)
    kind = Staff.Kind.DISTRICT
    title = "工作人员"


class CommunityStaffFactory(StaffFactory):
    kind = Staff.Kind.COMMUNITY
    community = factory.SubFactory(CommunityFactory)


class DepartmentStaffFactory(StaffFactory):
    kind = Staff.Kind.DEPARTMENT
    department = factory.SubFactory(DepartmentFactory)


class DistrictAdminFactory(StaffFactory):
    kind = Staff.Kind.DISTRICT
    title = "区级管理员"


class MemberFactory(DjangoModelFactory):
    """An active member of a body; `fields=[codes]` picks seeded fields (default: the first)."""

    class Meta:
        model = Member
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    body = Body.CITIZEN
    status = Member.Status.ACTIVE
    term_start = dt.date(2024, 1, 1)
    term_end = None

    @factory.post_generation
    def fields(self, create, codes, **kwargs):
        if create:
            self.fields.set(fields_by_code(codes or FIELD_CODES[:1]))


class ExpertFactory(MemberFactory):
    body = Body.EXPERT
    sector = Member.Sector.ACADEMIA
    affiliation = "福州大学"


class CitizenMemberFactory(MemberFactory):
    body = Body.CITIZEN
    sector = Member.Sector.COMMUNITY


class EnvoyFactory(MemberFactory):
    body = Body.ENVOY
    sector = Member.Sector.LAW_FIRM
    affiliation = "福建某律师事务所"


# Needs -----------------------------------------------------------------------


def _after(o, attribute: str, statuses: set[str], hours: int = 1):
    """A timestamp `hours` after `attribute` when the need has reached one of `statuses`."""
    earlier = getattr(o, attribute)
    return earlier + dt.timedelta(hours=hours) if o.status in statuses and earlier else None


class NeedFactory(DjangoModelFactory):
    """A need written straight into `status`, bypassing the actions.

    Timestamps follow one another an hour apart from `submitted_at`, the
    deadlines are computed from them with the current policy, an assigned or
    later need has a department, a replied one has a `Reply`, a merged one
    points at a fresh need. Give `rating=` for a rated closed need.
    """

    class Meta:
        model = Need
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"小区路灯不亮第{n}号")
    body = "晚上小区门口的路灯一直不亮，老人出行很不方便，希望尽快修好。"
    field = factory.LazyFunction(field)
    place = factory.SubFactory(CommunityFactory)
    submitter = factory.SubFactory(UserFactory)
    status = Status.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)
    accept_due = factory.LazyAttribute(
        lambda o: working_days_after(o.submitted_at, NeedPolicy.current().accept_within_days)
    )
    accepted_at = factory.LazyAttribute(lambda o: _after(o, "submitted_at", _ACCEPTED_OR_LATER))
    reply_due = factory.LazyAttribute(
        lambda o: (
            working_days_after(o.accepted_at, NeedPolicy.current().reply_within_days)
            if o.accepted_at
            else None
        )
    )
    department = factory.Maybe(
        factory.LazyAttribute(lambda o: o.status in _ASSIGNED_OR_LATER),
        yes_declaration=factory.SubFactory(DepartmentFactory),
        no_declaration=None,
    )
    replied_at = factory.LazyAttribute(lambda o: _after(o, "accepted_at", _REPLIED_OR_LATER, 24))
    closed_at = factory.LazyAttribute(lambda o: _after(o, "replied_at", {Status.CLOSED}))
    rated_at = factory.LazyAttribute(
        lambda o: _after(o, "closed_at", {Status.CLOSED}) if o.rating else None
    )
    rating = ""
    reject_reason = factory.Maybe(
        factory.LazyAttribute(lambda o: o.status == Status.REJECTED),
        yes_declaration="不属于本平台受理范围。",
        no_declaration="",
    )
    merged_into = factory.Maybe(
        factory.LazyAttribute(lambda o: o.status == Status.MERGED),
        yes_declaration=factory.SubFactory("tests.factories.NeedFactory"),
        no_declaration=None,
    )

    class Params:
        satisfied = factory.Trait(status=Status.CLOSED, rating=Rating.SATISFIED)
        dissatisfied = factory.Trait(status=Status.CLOSED, rating=Rating.DISSATISFIED)

    @factory.post_generation
    def reply(self, create, body, **kwargs):
        """A replied or later need carries the answer it was given; `reply=False` leaves it out."""
        if create and body is not False and self.status in _REPLIED_OR_LATER:
            Reply.objects.create(
                need=self,
                body=body or "已安排人员维修，现已恢复照明。",
                department=self.department,
                created_at=self.replied_at,
            )


class ReplyFactory(DjangoModelFactory):
    class Meta:
        model = Reply

    need = factory.SubFactory(NeedFactory, status=Status.REPLIED, reply=False)
    body = "已安排人员处理。"
    department = factory.SelfAttribute("need.department")
    created_at = factory.LazyFunction(timezone.now)


class FollowFactory(DjangoModelFactory):
    class Meta:
        model = Follow

    need = factory.SubFactory(NeedFactory)
    user = factory.SubFactory(UserFactory)


class TimelineEntryFactory(DjangoModelFactory):
    class Meta:
        model = TimelineEntry

    need = factory.SubFactory(NeedFactory)
    action = "submit"
    actor = factory.SelfAttribute("need.submitter")
    to_status = factory.SelfAttribute("need.status")
