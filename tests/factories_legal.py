"""Factories for legal services: workstations, postings, duty schedules, cases, events.

`WorkstationFactory(community=...)` makes a station with a lead envoy;
`DutyScheduleFactory(station=..., envoy=..., weekday=0)` posts the envoy to the
station on fixed duty. `LegalCaseFactory` writes a case straight into its
status; go through `gongzhi.legal.actions` when the path matters.
"""

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from gongzhi.legal.event_models import OutreachEvent
from gongzhi.legal.models import (
    CaseStatus,
    DutySchedule,
    EnvoySpecialty,
    LegalCase,
    Mode,
    Service,
    StationEnvoy,
    Workstation,
)

from tests.factories import CommunityFactory, EnvoyFactory, UserFactory


class WorkstationFactory(DjangoModelFactory):
    class Meta:
        model = Workstation

    community = factory.SubFactory(CommunityFactory)
    name = factory.LazyAttribute(lambda o: f"{o.community.name}法务特派员工作站")
    address = "社区党群服务中心一楼"
    hours = "周一至周五 9:00-17:00"
    phone = "0591-87000000"
    lead = factory.SubFactory(EnvoyFactory)


class StationEnvoyFactory(DjangoModelFactory):
    class Meta:
        model = StationEnvoy
        django_get_or_create = ("station", "envoy")

    station = factory.SubFactory(WorkstationFactory)
    envoy = factory.SubFactory(EnvoyFactory)
    service = Service.SCHEDULED


class DutyScheduleFactory(DjangoModelFactory):
    """Monday 9:00-11:00 in 30-minute slots, valid from 2024; posts the envoy to the station."""

    class Meta:
        model = DutySchedule
        skip_postgeneration_save = True

    station = factory.SubFactory(WorkstationFactory)
    envoy = factory.SubFactory(EnvoyFactory)
    weekday = 0
    starts = dt.time(9, 0)
    ends = dt.time(11, 0)
    slot_minutes = 30
    valid_from = dt.date(2024, 1, 1)

    @factory.post_generation
    def posted(self, create, extracted, **kwargs):
        if create:
            StationEnvoyFactory(station=self.station, envoy=self.envoy, service=Service.SCHEDULED)


class EnvoySpecialtyFactory(DjangoModelFactory):
    class Meta:
        model = EnvoySpecialty

    envoy = factory.SubFactory(EnvoyFactory)
    category = "labor_dispute"


class LegalCaseFactory(DjangoModelFactory):
    """A case written straight into `status`, bypassing the actions."""

    class Meta:
        model = LegalCase

    kind = LegalCase.Kind.CONSULTATION
    requester = factory.SubFactory(UserFactory)
    station = factory.SubFactory(WorkstationFactory)
    mode = Mode.ONLINE
    body = "公司拖欠我三个月工资，老板一直推脱，我该怎么办？"
    category = "labor_dispute"
    status = CaseStatus.SUBMITTED
    envoy = factory.SubFactory(EnvoyFactory)
    submitted_at = factory.LazyFunction(timezone.now)


class OutreachEventFactory(DjangoModelFactory):
    class Meta:
        model = OutreachEvent

    topic = factory.Sequence(lambda n: f"民法典进社区第{n}讲")
    community = factory.SubFactory(CommunityFactory)
    form = OutreachEvent.Form.TALK
    venue = "社区活动室"
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=3))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2))
    created_by = factory.SubFactory(UserFactory)
