"""Command line for the register: import, list, search, meeting, demo-register."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..paths import default_register_path, demo_papers
from .errors import RegisterError
from .importer import FAILED, import_paths
from .register import Register

DEMO_MEETING_DATE = "2025-06-12"
DEMO_MEETING_NAME = "Investment Advisory & Monitoring meeting (demo)"


def _register_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--register", metavar="FILE",
                        help="register file (default: the per-user register)")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the register's subcommands to the ``mopac-desk`` parser."""
    p = subparsers.add_parser("import", help="import PDF papers or folders into the register")
    p.add_argument("paths", nargs="+", metavar="PATH", help="PDF files or folders")
    p.add_argument("--meeting", metavar="YYYY-MM-DD",
                   help="also put the papers on the agenda of the meeting on this date")
    _register_arg(p)
    p.set_defaults(func=cmd_import)

    p = subparsers.add_parser("list", help="list the papers in the register")
    p.add_argument("--json", action="store_true", help="print JSON")
    _register_arg(p)
    p.set_defaults(func=cmd_list)

    p = subparsers.add_parser("search", help="search paper text, fields and recommendations")
    p.add_argument("query", help='words, prefixes (devic*) or phrases ("end user")')
    p.add_argument("--json", action="store_true", help="print JSON")
    _register_arg(p)
    p.set_defaults(func=cmd_search)

    p = subparsers.add_parser("meeting", help="create and list meetings, add papers")
    msub = p.add_subparsers(dest="meeting_command", required=True)
    m = msub.add_parser("create", help="create a meeting")
    m.add_argument("date", metavar="YYYY-MM-DD")
    m.add_argument("name", nargs="?", default="")
    _register_arg(m)
    m = msub.add_parser("list", help="list meetings and their agendas")
    m.add_argument("--json", action="store_true", help="print JSON")
    _register_arg(m)
    m = msub.add_parser("add", help="add papers (by id) to a meeting's agenda")
    m.add_argument("meeting_id", type=int)
    m.add_argument("paper_ids", type=int, nargs="+")
    _register_arg(m)
    p.set_defaults(func=cmd_meeting)

    p = subparsers.add_parser("demo-register", help="build a demo register from the demo papers")
    _register_arg(p)
    p.set_defaults(func=cmd_demo_register)


def _open(args: argparse.Namespace) -> Register:
    return Register(Path(args.register) if args.register else default_register_path())


def _fail(message: str) -> int:
    print(f"mopac-desk: {message}", file=sys.stderr)
    return 1


def _pounds(pence: int) -> str:
    sign = "-" if pence < 0 else ""
    pounds, p = divmod(abs(pence), 100)
    return f"{sign}£{pounds:,}.{p:02d}"


def cmd_import(args: argparse.Namespace) -> int:
    try:
        with _open(args) as reg:
            meeting_id = reg.meeting_for_date(args.meeting) if args.meeting else None

            def show(done: int, total: int, outcome: Any) -> None:
                print(outcome.line(), flush=True)

            outcomes = import_paths(reg, args.paths, meeting_id=meeting_id, progress=show)
    except RegisterError as exc:
        return _fail(str(exc))
    if not outcomes:
        return _fail("no PDF files were found in the paths given.")
    failed = sum(o.status == FAILED for o in outcomes)
    print(f"{len(outcomes)} file(s): {len(outcomes) - failed} ok, {failed} failed", flush=True)
    return 1 if failed else 0


def _summary_dict(p: Any) -> dict[str, Any]:
    return {"id": p.id, "reference": p.reference, "title": p.title, "file": p.file_name,
            "stored_path": str(p.stored_path), "pages": [p.first_page, p.last_page],
            "status": p.status, "meeting": p.meeting,
            "decision_required_by": p.decision_required_by, "totals_pence": p.totals,
            "recommendations": p.recommendations, "open_checks": p.open_checks}


def cmd_list(args: argparse.Namespace) -> int:
    try:
        with _open(args) as reg:
            papers = reg.list_papers()
    except RegisterError as exc:
        return _fail(str(exc))
    if args.json:
        print(json.dumps([_summary_dict(p) for p in papers], indent=2, ensure_ascii=False))
        return 0
    for p in papers:
        print(f"{p.id:>5}  {(p.reference or '-'):<12} {p.status:<14} "
              f"capital {_pounds(p.capital_pence):>16}  revenue {_pounds(p.revenue_pence):>14}  "
              f"{p.recommendations} rec(s)  {p.open_checks} open check(s)  {p.title or p.file_name}")
    print(f"{len(papers)} paper(s)")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    try:
        with _open(args) as reg:
            hits = reg.search(args.query)
    except RegisterError as exc:
        return _fail(str(exc))
    if args.json:
        print(json.dumps([{"paper_id": h.paper_id, "reference": h.reference, "page": h.page,
                           "source": h.source, "snippet": h.snippet} for h in hits],
                         indent=2, ensure_ascii=False))
        return 0
    for h in hits:
        page = f"p.{h.page}" if h.page else "-"
        print(f"{h.reference or h.paper_id}  {page:<6} {h.source:<22} {h.snippet}")
    print(f"{len(hits)} result(s)")
    return 0


def cmd_meeting(args: argparse.Namespace) -> int:
    try:
        with _open(args) as reg:
            if args.meeting_command == "create":
                change = reg.create_meeting(args.date, args.name)[0]
                print(f"created meeting {change.entity_id}: {change.new}")
            elif args.meeting_command == "add":
                changes = reg.add_to_meeting(args.meeting_id, args.paper_ids)
                print(f"added {len(changes)} paper(s) to meeting {args.meeting_id}")
            else:
                meetings = reg.meetings()
                agendas = {m["id"]: reg.agenda(m["id"]) for m in meetings}
                if args.json:
                    print(json.dumps([dict(m, agenda=[_summary_dict(p) for p in agendas[m["id"]]])
                                      for m in meetings], indent=2, ensure_ascii=False))
                    return 0
                for m in meetings:
                    print(f"{m['id']:>4}  {m['date']}  {m['name']}  ({m['papers']} paper(s))")
                    for i, p in enumerate(agendas[m["id"]], 1):
                        print(f"        {i}. {p.label}  {p.title or ''}")
    except RegisterError as exc:
        return _fail(str(exc))
    return 0


def build_demo_register(reg: Register) -> list:
    """Import the demo papers and put them on the demo meeting's agenda (idempotent)."""
    meetings = [m for m in reg.meetings() if m["name"] == DEMO_MEETING_NAME]
    meeting_id = (meetings[0]["id"] if meetings else
                  reg.create_meeting(DEMO_MEETING_DATE, DEMO_MEETING_NAME)[0].entity_id)
    return import_paths(reg, demo_papers(), meeting_id=meeting_id)


def cmd_demo_register(args: argparse.Namespace) -> int:
    if not demo_papers():
        return _fail("the demo papers are missing from this installation.")
    try:
        with _open(args) as reg:
            outcomes = build_demo_register(reg)
            for o in outcomes:
                print(o.line())
            print(f"demo register ready: {reg.path}")
    except RegisterError as exc:
        return _fail(str(exc))
    return 1 if any(o.status == FAILED for o in outcomes) else 0
