"""``mopac-desk extract FILE.pdf [--password PW] [--json]``: extract one paper, headless."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from ..pdf import PaperError
from ..pipeline import read_file
from ..terminal import echo, os_reason, warn
from .model import FIELD_NAMES, UNCOUNTED_KINDS, Extraction

_log = logging.getLogger(__name__)


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add the ``extract`` subcommand."""
    p = subparsers.add_parser(
        "extract",
        help="extract fields, recommendations and costs from a paper",
        description="Extract a MOPAC paper's fields, recommendations and £ costs, each with the "
        "page and rectangles where it stands. Exit status 2 when the file cannot be read.",
    )
    p.add_argument("file", help="the paper (PDF)")
    p.add_argument("--password", help="password of an encrypted PDF")
    p.add_argument("--json", action="store_true",
                   help="print one JSON object (schema mopac-desk/extraction@1) instead of a summary")
    p.add_argument("--no-ocr", dest="ocr", action="store_false",
                   help="do not read scanned pages by OCR (a scan then exits with status 2)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the command; returns the exit status."""
    name = Path(args.file).name
    try:
        reading = read_file(args.file, password=args.password, ocr=args.ocr)
        extraction = reading.extraction
    except PaperError as exc:
        return _unreadable(args, str(exc))
    except OSError as exc:
        return _unreadable(args, f"“{name}” cannot be read: {os_reason(exc)}.")
    except Exception as exc:  # a PDF odd enough to trip the reader still gets one plain line
        _log.debug("extraction failed", exc_info=True)
        return _unreadable(args, f"“{name}” could not be read to the end; it may be damaged "
                                 f"or use features this app cannot read ({type(exc).__name__}).")
    if reading.repaired:  # on stderr, so that --json output stays one JSON object
        warn(f"“{name}” was damaged and repaired on opening: check it against the original.")
    if args.json:
        sys.stdout.write(json.dumps(extraction.to_dict(), ensure_ascii=True) + "\n")
    else:
        echo(summary(extraction).rstrip("\n"))
    return 0


def _unreadable(args: argparse.Namespace, message: str) -> int:
    # with --json the error is JSON too, so a script reading stdout always gets JSON
    if args.json:
        sys.stdout.write(json.dumps({"error": message, "file": str(args.file)},
                                    ensure_ascii=True) + "\n")
    else:
        warn(message)
    return 2


def _money(pence: int) -> str:
    pounds, p = divmod(pence, 100)
    return f"£{pounds:,}" + (f".{p:02d}" if p else "")


def summary(extraction: Extraction) -> str:
    """A clerk-readable text summary of an extraction."""
    out = [f"{extraction.name}: {extraction.pages} page(s), {len(extraction.papers)} paper(s)"]
    for n, paper in enumerate(extraction.papers, 1):
        parts = ", ".join(f"{p.kind} pp.{p.first_page}-{p.last_page}" for p in paper.parts)
        out.append("")
        out.append(f"Paper {n} (pages {paper.first_page}-{paper.last_page}: {parts})")
        for name in FIELD_NAMES:
            f = paper.fields.get(name)
            label = name.replace("_", " ")
            out.append(f"  {label:<22} {f.value + f'  [p.{f.page}]' if f else '-'}")
        out.append(f"  Recommendations ({len(paper.recommendations)}):")
        for i, r in enumerate(paper.recommendations):
            indent = "      " if r.parent is not None else "    "
            num = f"{r.number}. " if r.number else ""
            out.append(f"{indent}[{r.part}, {r.action}, p.{r.page}] {num}{r.text}")
        out.append(f"  Costs ({len(paper.costs)}):")
        for c in paper.costs:
            amount = _money(c.amount_pence) if c.amount_pence is not None else "(not filled in)"
            years = f" {', '.join(c.years)}" if c.years else ""
            note = " (not counted)" if c.kind in UNCOUNTED_KINDS else ""
            out.append(f"    {c.raw:<14} {amount:>16}  {c.kind}{note}{years}  [{c.part}, p.{c.page}]")
        if paper.checks:
            out.append(f"  Checks ({len(paper.checks)}):")
            for f in paper.checks:
                out.append(f"    {f.severity}: {f.message} [p.{f.page}]")
    return "\n".join(out) + "\n"
