"""Command line: ``mopac-desk check FILE.pdf [--password PW] [--json]``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ..extract.model import Extraction
from ..pdf.errors import PaperError
from ..pipeline import read_file
from ..terminal import echo, os_reason, warn


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``check`` to the ``mopac-desk`` parser."""
    p = subparsers.add_parser("check", help="list readiness problems in a paper (placeholders, "
                                            "title and amount mismatches, thresholds, ...)")
    p.add_argument("file", metavar="FILE.pdf", help="the paper to check")
    p.add_argument("--password", help="password of an encrypted PDF")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_check)


def report_dict(extraction: Extraction) -> dict[str, Any]:
    """The ``--json`` shape: the file, and for each paper its page range and findings."""
    return {
        "file": {"name": extraction.name, "sha256": extraction.sha256, "pages": extraction.pages},
        "papers": [
            {
                "first_page": p.first_page,
                "last_page": p.last_page,
                "checks": [
                    {"code": f.code, "severity": f.severity, "message": f.message,
                     "page": f.page, "quote": f.quote, "rects": f.rects}
                    for f in p.checks
                ],
            }
            for p in extraction.papers
        ],
    }


def report_text(extraction: Extraction) -> str:
    """The readable listing: one block per paper, one line per finding."""
    out = [f"{extraction.name} ({extraction.pages} pages)"]
    if not extraction.papers:
        out.append("  No decision paper was recognised in this file.")
    for p in extraction.papers:
        title = p.value("title") or p.value("reference") or "untitled paper"
        out.append(f"Paper on pages {p.first_page}-{p.last_page}: {title}")
        if not p.checks:
            out.append("  No problems found.")
        for f in p.checks:
            out.append(f"  [{f.severity}] page {f.page} {f.code}: {f.message}")
    return "\n".join(out)


def cmd_check(args: argparse.Namespace) -> int:
    """Run the checks on one file; 0 when they ran (findings or not), 2 for unreadable input."""
    path = Path(args.file)
    try:
        extraction = read_file(path, password=args.password).extraction
    except PaperError as exc:
        return _unreadable(args, path, str(exc))
    except OSError as exc:
        return _unreadable(args, path, f"“{path.name}” cannot be read: {os_reason(exc)}.")
    if args.json:
        print(json.dumps(report_dict(extraction), ensure_ascii=True, indent=2))
    else:
        echo(report_text(extraction))
    return 0


def _unreadable(args: argparse.Namespace, path: Path, message: str) -> int:
    # with --json the error is JSON too, so a script reading stdout always gets JSON
    if args.json:
        print(json.dumps({"error": message, "file": str(path)}, ensure_ascii=True))
    else:
        warn(message)
    return 2
