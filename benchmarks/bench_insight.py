"""Benchmarks of the text core; prints figures, asserts nothing.

    .venv/bin/python benchmarks/bench_insight.py            # speed, sizes, hot issues, similarity
    .venv/bin/python benchmarks/bench_insight.py --refit    # also refit on train only, score on dev

The shipped models are fitted on train + dev, so scoring them on dev would
flatter them; without --refit the dev figures come from the manifests,
which `gongzhi train` measured with a model fitted on train alone.
"""

import argparse
import random
import statistics
import time
from dataclasses import replace
from datetime import timedelta

from gongzhi.insight import classify, datasets, training
from gongzhi.insight.cli import read_messages
from gongzhi.insight.hotspots import find_hotspots
from gongzhi.insight.similar import SimilarityIndex

SEED = 20200521


def dev_figures(refit: bool) -> None:
    for name in classify.MODELS:
        if refit:
            recipe = training.RECIPES[name]
            read = getattr(datasets, recipe.reader)
            model = classify.Classifier(
                name, *training.fit(read(recipe.data_dir / "train.csv"), recipe), {}
            )
            figures = training.measure(model, read(recipe.data_dir / "dev.csv")).as_dict()
            print(f"{name}: dev (refitted on train) {figures}")
        else:
            print(f"{name}: dev (from manifest) {classify.load(name).manifest['dev_metrics']}")


def speed_and_size() -> None:
    for name in classify.MODELS:
        model, seconds = classify.timed_load(name)
        size = classify.artefact_path(name).stat().st_size / 1e6
        recipe = training.RECIPES[name]
        examples = getattr(datasets, recipe.reader)(recipe.data_dir / "train.csv")[:3000]
        titles, bodies = [e.title for e in examples], [e.body for e in examples]
        model.predict(titles[:10], bodies[:10])
        start, cpu = time.perf_counter(), time.process_time()
        model.predict(titles, bodies)
        rate = len(examples) / (time.perf_counter() - start)
        # CPU time shows the speed on an idle core even when the machine is busy.
        cpu_rate = len(examples) / (time.process_time() - cpu)
        chars = statistics.mean(len(t) + len(b) for t, b in zip(titles, bodies, strict=True))
        print(
            f"{name}: load {seconds:.2f} s, artefact {size:.1f} MB, "
            f"{rate:,.0f} texts/s wall, {cpu_rate:,.0f} per CPU-second "
            f"(mean {chars:.0f} chars, one process)"
        )


def resampled_messages(count: int) -> list:
    """`count` messages drawn from the real ones with new ids, users and shifted times."""
    real = list(read_messages(datasets.HOT_ISSUE_FILE))
    rng = random.Random(SEED)  # noqa: S311 - seeded resampling, not security
    out = []
    for number in range(count):
        message = rng.choice(real)
        shift = timedelta(days=rng.randint(-20, 20), minutes=rng.randint(0, 1440))
        out.append(
            replace(
                message,
                id=f"R{number}",
                user_id=f"RU{rng.randint(0, count // 3)}",
                posted_at=message.posted_at + shift,
            )
        )
    return out


def hot_issues() -> None:
    messages = list(read_messages(datasets.HOT_ISSUE_FILE))
    start = time.perf_counter()
    spots = find_hotspots(messages, top=5)
    print(
        f"hot issues on the data set ({len(messages)} messages): {time.perf_counter() - start:.1f} s"
    )
    for spot in spots:
        print(f"  {spot.rank}. heat {spot.heat} size {spot.size} people {spot.users}  {spot.title}")
    many = resampled_messages(100_000)
    start = time.perf_counter()
    find_hotspots(many, top=10)
    print(f"hot issues on 100,000 resampled messages: {time.perf_counter() - start:.1f} s")


def similarity() -> None:
    texts = [
        text
        for path in (
            datasets.HOT_ISSUE_FILE,
            datasets.REPLIED_FILE,
            datasets.DATA_DIR / "tipdm2020c_official_testset_unlabeled/data.csv",
            datasets.FIELD_DIR / "train.csv",
        )
        for text in datasets.iter_texts(path)
    ]
    texts = (texts * 2)[:15_000]
    start = time.perf_counter()
    index = SimilarityIndex(enumerate(texts))
    build = time.perf_counter() - start
    rng = random.Random(SEED)  # noqa: S311 - seeded resampling, not security
    timings = []
    for _ in range(300):
        text = rng.choice(texts)
        query = text[: rng.randint(10, 60)]
        start = time.perf_counter()
        index.query(query, k=5)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    print(
        f"similarity: build {build:.1f} s for {len(texts)} texts; query median "
        f"{statistics.median(timings):.1f} ms, p95 {timings[int(0.95 * len(timings))]:.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--refit", action="store_true", help="refit on train and score on dev")
    args = parser.parse_args()
    dev_figures(args.refit)
    speed_and_size()
    similarity()
    hot_issues()


if __name__ == "__main__":
    main()
