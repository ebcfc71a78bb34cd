"""The quality bar, shared by the fixture and generated-paper tests."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from mopac_desk.extract.model import UNCOUNTED_KINDS, Paper


def norm(text: str | None) -> str | None:
    return None if text is None else " ".join(text.split()).casefold()


def similarity(a: str, b: str) -> float:
    return fuzz.ratio(" ".join(a.split()), " ".join(b.split())) / 100.0


def missing_recommendations(paper: Paper, expected: dict[str, list[str]]) -> list[str]:
    """Expected items with no extracted item of the same part at similarity >= 0.9."""
    missing = []
    for part, items in expected.items():
        got = [r.text for r in paper.recommendations if r.part == part]
        for item in items:
            if not any(similarity(item, g) >= 0.9 for g in got):
                missing.append(f"{part}: {item}")
    return missing


def cost_problems(paper: Paper, expected: list[tuple[int, str]]) -> list[str]:
    """Expected (pence, kind) pairs not found, and extracted amounts nobody expected."""
    got = {(c.amount_pence, c.kind) for c in paper.costs if c.amount_pence is not None}
    problems = [f"missing {p} {k}" for p, k in expected if (p, k) not in got]
    wanted = {p for p, _ in expected}
    problems += [f"invented {p} {k}" for p, k in sorted(got) if p not in wanted]
    for c in paper.costs:
        if c.amount_pence is None and c.kind != "placeholder":
            problems.append(f"placeholder {c.raw} has kind {c.kind}")
        if c.kind in UNCOUNTED_KINDS and c.kind != "placeholder" and c.amount_pence is None:
            problems.append(f"threshold without amount: {c.raw}")
        if not c.rects or c.page < 1:
            problems.append(f"no provenance for {c.raw}")
    return problems


def field_problems(paper: Paper, expected: dict[str, str | None]) -> list[str]:
    problems = []
    for name, want in expected.items():
        got = paper.value(name)
        if norm(got) != norm(want):
            problems.append(f"{name}: expected {want!r}, got {got!r}")
        f = paper.fields.get(name)
        if f is not None and (not f.rects or not f.quote or f.page < 1):
            problems.append(f"{name}: no provenance")
        if f is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", f.value or "") is None and \
                name in ("meeting_date", "decision_required_by", "decision_signed_on"):
            problems.append(f"{name}: not ISO: {f.value!r}")
    return problems
