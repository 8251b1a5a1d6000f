"""`load_demo`: everything the demo needs, loaded once, in one transaction.

Either the whole demo is there or none of it is: a run that fails half-way
leaves nothing behind, and the next run starts over.
"""

import logging
import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from gongzhi.demo.accounts import create_accounts
from gongzhi.demo.places import DISTRICT, create_places
from gongzhi.demo.rosters import RosterBuilder, RosterSizes, Terms
from gongzhi.demo.stories import Cast, sample_messages, tell_stories
from gongzhi.needs import actions
from gongzhi.needs.importer import ImportReport, import_file
from gongzhi.needs.models import Need
from gongzhi.people.models import Staff, User
from gongzhi.places.demo import create_departments
from gongzhi.places.models import Department, Place

logger = logging.getLogger(__name__)

SEED = 20200521

# The shipped message sets, in import order: the labelled set first, so a
# message found in several sets is created with its label and then gains
# the reply and the likes of the others.
SHIPPED_MESSAGES = [
    "tipdm2020c_messages_labeled/train.csv",
    "tipdm2020c_messages_labeled/dev.csv",
    "tipdm2020c_replied_messages/data.csv",
    "tipdm2020c_hot_issue_messages/data.csv",
    "tipdm2020c_official_testset_unlabeled/data.csv",
]
STORY_TEXTS = "tipdm2020c_messages_labeled/train.csv"
DEMO_COMMUNITY = ("nanjie", "三坊七巷社区")


@dataclass
class DemoOptions:
    """What to load; the defaults are the full demo, tests pass smaller numbers."""

    rosters: RosterSizes = field(default_factory=RosterSizes)
    communities_per_subdistrict: int | None = None
    residents: int = 20
    stories: int = 60
    message_files: list[Path] | None = None
    progress: bool = True

    def messages(self) -> list[Path]:
        if self.message_files is not None:
            return self.message_files
        return [settings.DATA_DIR / name for name in SHIPPED_MESSAGES]


@dataclass
class DemoResult:
    imports: list[ImportReport] = field(default_factory=list)
    stories: Counter = field(default_factory=Counter)


def is_loaded() -> bool:
    return Place.objects.filter(code=DISTRICT[0], is_demo=True).exists()


@transaction.atomic
def load_demo(options: DemoOptions | None = None) -> DemoResult:
    """Load the whole demo; the caller checks `is_loaded()` first."""
    options = options or DemoOptions()
    rng = random.Random(SEED)
    today = timezone.localdate()
    result = DemoResult()

    district = create_places(rng, options.communities_per_subdistrict)
    communities = list(Place.objects.within(district).of_level(Place.Level.COMMUNITY))
    home = Place.objects.get(parent__code=DEMO_COMMUNITY[0], name=DEMO_COMMUNITY[1])
    departments = create_departments(district)
    users = create_accounts(home, departments["区住建局"], Terms(today).start)
    RosterBuilder(rng, communities, Terms(today)).create(options.rosters.without_demo_accounts())

    for path in options.messages():
        result.imports.append(import_file(path, mark_demo=True, progress=options.progress))

    cast = _cast(users, home, departments)
    residents = [users["demo-resident"], *_residents(rng, communities, options.residents)]
    texts = sample_messages(settings.DATA_DIR / STORY_TEXTS, options.stories, rng)
    needs = tell_stories(cast, residents, texts, rng, options.stories)
    _support(needs, residents, rng)
    result.stories = Counter(
        Need.objects.filter(pk__in=[n.pk for n in needs]).values_list("status", flat=True)
    )
    logger.info("demo loaded: %s imported files, %s demo needs", len(result.imports), len(needs))
    return result


def _cast(users: dict[str, User], home: Place, departments: dict[str, Department]) -> Cast:
    """The demo accounts plus one (login-less) staff worker for every other department."""
    staff = {departments["区住建局"].pk: users["demo-department"]}
    password = make_password(None)
    for number, department in enumerate(departments.values(), start=1):
        if department.pk in staff:
            continue
        user = User.objects.create(
            username=f"demo-staff-{number:02d}",
            display_name=f"{department.name}工作人员（演示）",
            password=password,
            is_demo=True,
        )
        Staff.objects.create(
            user=user, kind=Staff.Kind.DEPARTMENT, department=department, title="科员"
        )
        staff[department.pk] = user
    return Cast(users["demo-admin"], home, users["demo-community"], departments, staff)


def _residents(rng: random.Random, communities: list[Place], count: int) -> list[User]:
    from faker import Faker

    fake = Faker("zh_CN")
    fake.seed_instance(rng.randint(0, 2**31))
    password = make_password(None)
    residents = [
        User(
            username=f"demo-resident-{number:02d}",
            display_name=f"{fake.name()}（演示）",
            password=password,
            community=rng.choice(communities),
            is_verified=True,
            is_demo=True,
        )
        for number in range(1, count + 1)
    ]
    return User.objects.bulk_create(residents)


def _support(needs: list[Need], residents: list[User], rng: random.Random) -> None:
    """A few neighbours support some of the public demo needs."""
    for need in rng.sample(needs, len(needs) // 3):
        for resident in rng.sample(residents, min(3, len(residents))):
            if resident.pk != need.submitter_id and need.status not in ("rejected", "merged"):
                actions.support(need, actor=resident)


def summary() -> list[tuple[str, int]]:
    """The counts printed at the end of a load."""
    from gongzhi.people.models import Body, Member

    rows = [
        (f"places: {level}", Place.objects.filter(is_demo=True, level=level).count())
        for level in Place.Level.values
    ]
    rows.append(("departments", Department.objects.count()))
    rows += [
        (f"members: {body}", Member.objects.filter(body=body, user__is_demo=True).count())
        for body in Body.values
    ]
    rows.append(("demo users", User.objects.filter(is_demo=True).count()))
    rows.append(("imported needs", Need.objects.filter(source=Need.Source.IMPORT).count()))
    rows.append(
        (
            "demo needs on the platform",
            Need.objects.filter(source=Need.Source.PLATFORM, is_demo=True).count(),
        )
    )
    rows.append(
        (
            "  of them overdue",
            Need.objects.filter(source=Need.Source.PLATFORM, is_demo=True).overdue().count(),
        )
    )
    return rows
