"""Benchmark of the opinion map: prints recompute times, asserts nothing.

    .venv/bin/python benchmarks/bench_opinion_map.py                 # 2,000 x 200, every cell voted
    .venv/bin/python benchmarks/bench_opinion_map.py --fill 0.5      # half the cells voted
    DATABASE_URL=postgres://... .venv/bin/python benchmarks/bench_opinion_map.py --db

Without --db only the numerical part runs (`opinion_math.compute` on the
vote rows). With --db the votes are written to a scratch database (a
temporary SQLite file unless DATABASE_URL is set, whose test database is
used) and `opinion.refresh` is timed: reading the votes, computing, storing
the map: what a page or the background task does when the map is stale.
"""

import argparse
import os
import random
import statistics
import tempfile
import time

SEED = 20260521


def crafted_votes(
    people: int, statements: int, fill: float, camps: int = 3
) -> list[tuple[int, int, int]]:
    """Camps with their own leanings, some noise, and `fill` of the cells voted."""
    rng = random.Random(SEED)  # noqa: S311 seeded test data, not security
    leanings = [[rng.choice((-1, 1)) for _ in range(statements)] for _ in range(camps)]
    votes = []
    for person in range(1, people + 1):
        lean = leanings[person % camps]
        for statement in range(1, statements + 1):
            if rng.random() >= fill:
                continue
            value = lean[statement - 1] if rng.random() < 0.8 else rng.choice((-1, 0, 1))
            votes.append((person, statement, value))
    return votes


def time_math(votes, repeat: int) -> None:
    from gongzhi.participation.opinion_math import compute

    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        groups = compute(votes)
        seconds.append(time.perf_counter() - started)
    print(
        f"compute: {len(votes):,} votes, {groups.participants} participants -> "
        f"groups {groups.group_sizes}, silhouette {groups.silhouette:.2f}; "
        f"median {statistics.median(seconds):.2f} s, best {min(seconds):.2f} s"
    )


def time_database(votes, people: int, statements: int, repeat: int) -> None:
    if not os.environ.get("DATABASE_URL"):
        os.environ["GONGZHI_SQLITE_PATH"] = os.path.join(tempfile.mkdtemp(), "bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongzhi.settings")
    os.environ.setdefault("GONGZHI_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    database = connection.creation.create_test_db(verbosity=0)
    try:
        deliberation = _fill(votes, people, statements)
        _refresh_times(deliberation, repeat)
    finally:
        connection.creation.destroy_test_db(database, verbosity=0)


def _fill(votes, people: int, statements: int):
    from django.contrib.auth.hashers import make_password

    from gongzhi.needs.models import Need
    from gongzhi.participation.models import Deliberation, Statement, Vote
    from gongzhi.people.models import User

    started = time.perf_counter()
    unusable = make_password(None)
    users = User.objects.bulk_create(
        [User(username=f"bench{n}", password=unusable) for n in range(people)], batch_size=1000
    )
    need = Need.objects.create(title="加装电梯", body="费用分摊", submitter=users[0])
    deliberation = Deliberation.objects.create(need=need, question="加装电梯", opened_by=users[0])
    made = Statement.objects.bulk_create(
        [
            Statement(deliberation=deliberation, author=users[0], text=f"观点{n}")
            for n in range(statements)
        ]
    )
    Vote.objects.bulk_create(
        [
            Vote(deliberation=deliberation, statement=made[s - 1], user=users[p - 1], value=v)
            for p, s, v in votes
        ],
        batch_size=5000,
    )
    Deliberation.objects.filter(pk=deliberation.pk).update(vote_count=len(votes))
    print(f"database: {len(votes):,} votes written in {time.perf_counter() - started:.1f} s")
    return Deliberation.objects.get(pk=deliberation.pk)


def _refresh_times(deliberation, repeat: int) -> None:
    from gongzhi.participation import opinion

    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        opinion.refresh(deliberation)
        seconds.append(time.perf_counter() - started)
    print(
        f"refresh from the database: median {statistics.median(seconds):.2f} s, "
        f"best {min(seconds):.2f} s, worst {max(seconds):.2f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--statements", type=int, default=200)
    parser.add_argument("--fill", type=float, default=1.0, help="share of cells voted")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--db", action="store_true", help="also time the refresh through the database"
    )
    args = parser.parse_args()

    votes = crafted_votes(args.people, args.statements, args.fill)
    print(f"{args.people:,} participants x {args.statements} statements, {args.fill:.0%} voted")
    time_math(votes, args.repeat)
    if args.db:
        time_database(votes, args.people, args.statements, args.repeat)


if __name__ == "__main__":
    main()
