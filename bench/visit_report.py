"""Time to compile and render the report of a large NPM visit, against WeasyPrint alone.

Usage (from the repository root):

    .venv/bin/python bench/visit_report.py             # measure, print the table, JSON to a file
    .venv/bin/python bench/visit_report.py --runs 5    # fewer repetitions
    .venv/bin/python bench/visit_report.py --fresh     # build the database again first

The database is its own SQLite file, bench/data/visit-report.sqlite3: migrated, then one
place with 300 people held, a previous visit with 20 recommendations in every status,
and the large visit of the issue: 60 findings over the twelve themes, 40 photographs
(real JPEGs drawn with Pillow at 1280×960 and cleaned like an upload), 30
recommendations, a checklist of 96 answers and a team of four.

Each repetition times, in the same process and interleaved (the order swaps every
repetition, so that a busy spell of the machine hits both):

- full: the whole path from the visit's data to the PDF: `report_compile` (every
  section compiled again from the database), `report_content` (what a version keeps),
  the final HTML with charts and the photographs embedded, and WeasyPrint;
- baseline: WeasyPrint alone on the same final HTML.

The steps inside `full` are timed too, and the DOCX and the personal-data check once per
repetition. Figures: median and p95 over the repetitions, and the ratio full ÷ baseline.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
DATA_DIR = BENCH_DIR / "data"
DB_PATH = DATA_DIR / "visit-report.sqlite3"
RESULTS_JSON = DATA_DIR / "visit-report.json"
VISIT = "VIS-BENCH-0060"
FINDINGS, PHOTOS, RECOMMENDATIONS, PEOPLE = 60, 40, 30, 300
PHOTO_SIZE = (1280, 960)
SEED = 20260
RUNS = 5
VOCABULARY = (
    "камеры вентиляция освещение окна санитарный узел постельное бельё прогулка "
    "медицинская часть жалобы персонал журнал дисциплинарный изолятор суток "
    "администрация осуждённые свидания телефонные звонки питание вода отопление"
)


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def configure_environment() -> None:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    os.environ.pop("DATABASE_URL", None)  # always a local SQLite file, never a server
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "qorgau.settings",
            "QORGAU_VAR_DIR": str(DATA_DIR / "var"),
            "QORGAU_SQLITE_PATH": str(DB_PATH),
            "QORGAU_LOG_LEVEL": "WARNING",
        }
    )
    if str(REPO_DIR) not in sys.path:
        sys.path.insert(0, str(REPO_DIR))


# --- the data ---------------------------------------------------------------------------


def photo(rng: random.Random, n: int) -> bytes:
    """A camera-like JPEG: a gradient room, shapes and sensor noise (noise makes it heavy)."""
    from PIL import Image, ImageDraw, ImageFilter

    w, h = PHOTO_SIZE
    base = Image.linear_gradient("L").resize((w, h)).convert("RGB")
    tint = Image.new("RGB", (w, h), (rng.randrange(90, 200), rng.randrange(90, 200), 140))
    img = Image.blend(base, tint, 0.55)
    draw = ImageDraw.Draw(img)
    for _ in range(14):
        x, y = rng.randrange(w), rng.randrange(h)
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.rectangle([x, y, x + rng.randrange(40, 400), y + rng.randrange(40, 300)], fill=colour)
    draw.text((40, 40), f"Photo {n}", fill=(255, 255, 255))
    noise = Image.effect_noise((w, h), 24).convert("RGB")
    img = Image.blend(img, noise, 0.12).filter(ImageFilter.SMOOTH)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85)
    return out.getvalue()


def _text(rng: random.Random, words: int) -> str:
    vocab = VOCABULARY.split()
    return " ".join(rng.choice(vocab) for _ in range(words)).capitalize() + "."


def prepare() -> dict[str, Any]:
    """Migrate, then build the place and the large visit unless already there."""
    import hashlib
    from datetime import date

    from django.core.management import call_command
    from django.utils import timezone

    from qorgau.accounts.models import Membership, User
    from qorgau.core.uploads import clean_image, store
    from qorgau.facilities.models import Facility, PopulationCount, Region
    from qorgau.people.models import Person
    from qorgau.recommendations.choices import Priority, Status, Theme
    from qorgau.recommendations.models import Recommendation
    from qorgau.testing.factories import make_iin
    from qorgau.visits.choices import InformationSource
    from qorgau.visits.models import (
        Answer,
        ChecklistQuestion,
        ChecklistSection,
        ChecklistTemplate,
        Finding,
        Participant,
        TeamMember,
        Visit,
        VisitPhoto,
    )

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = round(time.perf_counter() - started, 1)
    existing = Visit.objects.filter(number=VISIT).first()
    if existing:
        return {"reused": True, "prepare_seconds": migrated}
    rng = random.Random(SEED)
    user, _ = User.objects.get_or_create(username="bench.coordinator", full_name="Bench")
    Membership.objects.get_or_create(user=user, role="npm_coordinator", scope="national")
    region = Region.objects.order_by("code").first()
    place = Facility.objects.create(
        code="BENCH-RPT",
        name_kk="№60 түзеу мекемесі",
        name_ru="Учреждение №60",
        type="colony",
        agency="penitentiary",
        region=region,
        capacity=1200,
    )
    PopulationCount.objects.create(
        facility=place, date=date(2026, 3, 1), men=1290, convicted=1290, capacity=1200
    )
    surnames = ["Ахметов", "Жумабаев", "Ким", "Иванов", "Нуржанов", "Сапаров", "Оспанов"]
    Person.objects.bulk_create(
        Person(
            surname=f"{rng.choice(surnames)}{i}",
            given_name="Ерлан",
            surname_latin=f"AKHMETOV{i}",
            given_name_latin="ERLAN",
            birth_date=date(1990, 5, 17),
            iin=make_iin(10_000 + i * 3),
            sex="m",
            current_facility=place,
        )
        for i in range(PEOPLE)
    )
    template = ChecklistTemplate.objects.create(
        code="bench", title_kk="Бақылау парағы", title_ru="Чек-лист", status="published"
    )
    questions = []
    for s, theme in enumerate(Theme.values):
        section = ChecklistSection.objects.create(
            template=template, order=s, theme=theme, title_kk=theme, title_ru=theme
        )
        for q in range(8):
            questions.append(
                ChecklistQuestion.objects.create(
                    section=section,
                    order=q,
                    code=f"{s}.{q}",
                    text_kk="?",
                    text_ru="?",
                    answer_type="choice",
                )
            )
    previous = Visit.objects.create(
        number="VIS-BENCH-0001",
        kind="planned",
        facility=place,
        status="done",
        start_date=date(2025, 3, 3),
        end_date=date(2025, 3, 4),
    )
    visit = Visit.objects.create(
        number=VISIT,
        kind="follow_up",
        facility=place,
        status="done",
        start_date=date(2026, 3, 2),
        end_date=date(2026, 3, 4),
        follows=previous,
        cooperation="partial",
        cooperation_notes=_text(rng, 30),
        purpose=_text(rng, 60),
        checklist=template,
    )
    for i in range(4):
        p = Participant.objects.create(
            full_name=f"Участник {i + 1}", gender="fm"[i % 2], active_from=date(2024, 1, 1)
        )
        TeamMember.objects.create(visit=visit, participant=p, role="leader" if i == 0 else "member")
    Answer.objects.bulk_create(
        Answer(visit=visit, question=q, choice=rng.choice(["yes", "yes", "no", "partly", "na"]))
        for q in questions
    )
    sources = InformationSource.values
    Finding.objects.bulk_create(
        Finding(
            visit=visit,
            theme=Theme.values[i % len(Theme.values)],
            title=_text(rng, 8)[:200],
            text="\n".join(_text(rng, 45) for _ in range(3)),
            sources=rng.sample(sources, rng.randint(1, 4)),
            good_practice=i % 8 == 0,
            order=i,
        )
        for i in range(FINDINGS)
    )

    def rec(v, n: int, status: str) -> Recommendation:
        return Recommendation(
            number=f"REC-B-{v.pk:02d}{n:03d}",
            visit=v,
            facility=place,
            action=_text(rng, 25),
            addressee_agency="penitentiary",
            responsible_unit="Администрация учреждения",
            indicator=_text(rng, 10),
            deadline=date(2026, 12, 31),
            priority=rng.choice(Priority.values),
            theme=rng.choice(Theme.values),
            order=n,
            status=status,
        )

    Recommendation.objects.bulk_create(
        rec(previous, n, Status.values[n % len(Status.values)]) for n in range(20)
    )
    Recommendation.objects.bulk_create(rec(visit, n, "not_started") for n in range(RECOMMENDATIONS))
    for n in range(PHOTOS):
        data = clean_image(photo(rng, n), "image/jpeg")
        sha = hashlib.sha256(data).hexdigest()
        VisitPhoto.objects.create(
            visit=visit,
            storage_name=store(data, "image/jpeg", "visits"),
            content_type="image/jpeg",
            size=len(data),
            sha256=sha,
            original_sha256=sha,
            caption=f"Камера {n + 1}, блок {n % 5 + 1}",
            taken_by=user,
            created_at=timezone.now(),
        )
    return {"reused": False, "prepare_seconds": round(time.perf_counter() - started, 1)}


# --- the measurement --------------------------------------------------------------------


def summary(values: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(values, n=20, method="inclusive") if len(values) > 1 else values
    return {
        "median_ms": round(statistics.median(values), 1),
        "p95_ms": round(cuts[-1] if len(values) > 1 else values[0], 1),
    }


def measure(runs: int) -> dict[str, Any]:
    from django.utils import translation
    from pypdf import PdfReader

    from qorgau.accounts.models import User
    from qorgau.visits.models import Visit
    from qorgau.visits.reports import checks, documents, docx, services

    user = User.objects.get(username="bench.coordinator")
    visit = Visit.objects.select_related("facility").get(number=VISIT)
    times: dict[str, list[float]] = {
        k: [] for k in ("full", "baseline", "compile", "content", "html", "weasyprint", "docx")
    }
    times["pii_check"] = []

    def full() -> tuple[str, bytes]:
        t0 = time.perf_counter()
        report = services.report_compile(actor=user, visit=visit)
        t1 = time.perf_counter()
        content = services.report_content(report)
        t2 = time.perf_counter()
        html = documents.report_html(content)
        t3 = time.perf_counter()
        pdf = documents.html_pdf(html)
        t4 = time.perf_counter()
        for key, a, b in (
            ("compile", t0, t1),
            ("content", t1, t2),
            ("html", t2, t3),
            ("weasyprint", t3, t4),
            ("full", t0, t4),
        ):
            times[key].append((b - a) * 1000)
        return html, pdf

    def baseline(html: str) -> None:
        t0 = time.perf_counter()
        documents.html_pdf(html)
        times["baseline"].append((time.perf_counter() - t0) * 1000)

    with translation.override("ru"):
        html, pdf = full()  # warm-up: templates compiled, fonts found
        for k in times:
            times[k].clear()
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        report = visit.report
        for i in range(runs):
            if i % 2 == 0:
                html, _pdf = full()
                baseline(html)
            else:
                baseline(html)
                html, _pdf = full()
            content = services.report_content(report)
            t0 = time.perf_counter()
            docx.report_docx(content)
            times["docx"].append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            hits = checks.personal_data_hits(report)
            times["pii_check"].append((time.perf_counter() - t0) * 1000)
            log(
                f"run {i + 1}/{runs}: full {times['full'][-1]:.0f} ms, "
                f"baseline {times['baseline'][-1]:.0f} ms"
            )
    # Ours alone: what the path adds before WeasyPrint, per run (immune to WeasyPrint's noise).
    times["ours"] = [
        c + t + h for c, t, h in zip(times["compile"], times["content"], times["html"], strict=True)
    ]
    stats = {k: summary(v) for k, v in times.items()}
    ratios = [f / b for f, b in zip(times["full"], times["baseline"], strict=True)]
    return {
        "runs": runs,
        "pages": pages,
        "html_kb": round(len(html.encode()) / 1024),
        "pii_hits": len(hits),
        "stats": stats,
        "ratio": {
            "median": round(stats["full"]["median_ms"] / stats["baseline"]["median_ms"], 2),
            "p95": round(stats["full"]["p95_ms"] / stats["baseline"]["p95_ms"], 2),
            "per_run_median": round(statistics.median(ratios), 2),
        },
    }


LABELS = {
    "baseline": "WeasyPrint alone on the same final HTML (baseline)",
    "full": "Compile and render: data → sections → content → HTML → PDF",
    "compile": "… compile the sections from the database",
    "content": "… the report's content (what a version keeps)",
    "html": "… the final HTML (charts, photographs embedded)",
    "weasyprint": "… WeasyPrint",
    "ours": "Ours before WeasyPrint (compile + content + HTML)",
    "docx": "DOCX from the content",
    "pii_check": "Personal-data check of all sections",
}


def table(result: dict[str, Any]) -> str:
    base = result["stats"]["baseline"]
    rows = [
        "| step | median ms | p95 ms | median × baseline | p95 × baseline |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for key, label in LABELS.items():
        s = result["stats"][key]
        rows.append(
            f"| {label} | {s['median_ms']:.0f} | {s['p95_ms']:.0f} | "
            f"{s['median_ms'] / base['median_ms']:.2f} | {s['p95_ms'] / base['p95_ms']:.2f} |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=RUNS, help=f"repetitions (default {RUNS})")
    parser.add_argument("--fresh", action="store_true", help="build the database again")
    args = parser.parse_args(argv)
    if args.runs < 2:
        parser.error("--runs must be at least 2")
    configure_environment()
    if args.fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{DB_PATH}{suffix}").unlink(missing_ok=True)
    import django

    django.setup()
    started = time.perf_counter()
    prepared = prepare()
    log(f"data ready in {prepared['prepare_seconds']} s (reused: {prepared['reused']})")
    load_before = os.getloadavg()[0]
    result = measure(args.runs)
    result.update(prepared)
    result["loadavg"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    result["total_seconds"] = round(time.perf_counter() - started, 1)
    RESULTS_JSON.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(table(result))
    print(
        f"\nratio full ÷ baseline: median {result['ratio']['median']}, p95 {result['ratio']['p95']}"
        f" (median of per-run ratios {result['ratio']['per_run_median']}); {result['pages']} pages,"
        f" HTML {result['html_kb']} KB; load average {result['loadavg'][0]} → "
        f"{result['loadavg'][1]}; {result['total_seconds']} s in all"
    )


if __name__ == "__main__":
    main()
