"""Command line for the register: import, list, search, meeting, demo-register.

Every command prints paper text and file names through :mod:`mopac_desk.terminal` (a PDF's
control characters are shown, never obeyed) and reports any failure as one plain line with
exit status 1 (:func:`.command_common.guarded`).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..money import format_pence
from ..paths import demo_papers
from ..terminal import echo, printable, quoted
from .errors import RegisterDamagedError
from .command_common import fail, guarded, register_path, resolve_meeting, warn_missing_copies
from .importer import FAILED, FileOutcome, collect_pdfs, import_paths
from .register import Register
from .search import fts_query

DEMO_MEETING_DATE = "2025-06-12"
DEMO_MEETING_NAME = "Investment Advisory & Monitoring meeting (demo)"
MEETING_HELP = "a meeting number or a date (YYYY-MM-DD)"


def _register_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--register", metavar="FILE",
                        help="register file (default: the per-user register)")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the register's subcommands to the ``mopac-desk`` parser."""
    p = subparsers.add_parser("import", help="import PDF papers or folders into the register")
    p.add_argument("paths", nargs="+", metavar="PATH", help="PDF files or folders")
    p.add_argument("--meeting", metavar="MEETING",
                   help="also put the papers on this meeting's agenda: " + MEETING_HELP +
                   " (a date with no meeting yet makes one)")
    p.add_argument("--password", metavar="PW",
                   help="password for the protected (encrypted) PDFs among the files")
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
    m.add_argument("meeting", metavar="MEETING", help=MEETING_HELP)
    m.add_argument("paper_ids", type=int, nargs="+")
    _register_arg(m)
    p.set_defaults(func=cmd_meeting)

    p = subparsers.add_parser("demo-register", help="build a demo register from the demo papers")
    _register_arg(p)
    p.set_defaults(func=cmd_demo_register)


def _open(args: argparse.Namespace) -> Register:
    return Register(register_path(args))


def _pounds(pence: int | None) -> str:
    return "-" if pence is None else format_pence(pence)


def outcome_line(outcome: FileOutcome) -> str:
    """One safe line for a file's outcome (its name quoted when it holds odd characters)."""
    message = outcome.message
    if outcome.status == FAILED and "protected by a password" in message:
        message = message.rstrip(".") + "; give its password with --password."
    return f"{outcome.status}: {quoted(outcome.path.name)} — {printable(message)}"


@guarded
def cmd_import(args: argparse.Namespace) -> int:
    with _open(args) as reg:
        if reg.read_only:
            return fail(f"The register {reg.path.name} is read-only ({reg.read_only}): papers "
                        "cannot be imported into it.")
        meeting_id = resolve_meeting(reg, args.meeting, create=True) if args.meeting else None
        files = collect_pdfs(args.paths)
        passwords = {f: args.password for f in files} if args.password else None

        def show(done: int, total: int, outcome: Any) -> None:
            if outcome.status == FAILED and "`mopac-desk verify`" in outcome.message:
                # the register itself is damaged: say that once, not once per file
                raise RegisterDamagedError(outcome.message)
            echo(outcome_line(outcome), block=False)

        outcomes = import_paths(reg, files, meeting_id=meeting_id, progress=show,
                                passwords=passwords)
    if not outcomes:
        return fail("no PDF files were found in the paths given.")
    failed = sum(o.status == FAILED for o in outcomes)
    echo(f"{len(outcomes)} file(s): {len(outcomes) - failed} ok, {failed} failed")
    return 1 if failed else 0


def _summary_dict(p: Any) -> dict[str, Any]:
    return {"id": p.id, "reference": p.reference, "title": p.title, "file": p.file_name,
            "stored_path": str(p.stored_path), "pages": [p.first_page, p.last_page],
            "status": p.status, "meeting": p.meeting,
            "decision_required_by": p.decision_required_by, "totals_pence": p.totals,
            "recommendations": p.recommendations, "open_checks": p.open_checks}


def _dump(value: Any) -> None:
    # ensure_ascii: every control character and non-ASCII letter is a JSON escape, so the
    # output is the same bytes on any console and never drives a terminal
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=True) + "\n")
    sys.stdout.flush()


@guarded
def cmd_list(args: argparse.Namespace) -> int:
    with _open(args) as reg:
        papers = reg.list_papers()
        warn_missing_copies(reg)
    if args.json:
        _dump([_summary_dict(p) for p in papers])
        return 0
    for p in papers:
        echo(f"{p.id:>5}  {printable(p.reference or '-'):<12} {printable(p.status):<14} "
             f"capital {_pounds(p.capital_pence):>16}  revenue {_pounds(p.revenue_pence):>14}  "
             f"{p.recommendations} rec(s)  {p.open_checks} open check(s)  "
             f"{printable(p.title) if p.title else quoted(p.file_name)}", block=False)
    echo(f"{len(papers)} paper(s)")
    return 0


def _documents(reg: Register, paper_ids: set[int]) -> dict[int, dict[str, Any]]:
    """Each paper's current document: what its page text in the search index was read from."""
    out: dict[int, dict[str, Any]] = {}
    for pid in paper_ids:
        docs = reg.documents(pid)
        current = next((d for d in docs if d.current), docs[0] if docs else None)
        if current is not None:
            out[pid] = {"id": current.id, "file": current.file_name, "label": current.label,
                        "documents": len(docs)}
    return out


@guarded
def cmd_search(args: argparse.Namespace) -> int:
    if not fts_query(args.query):
        return fail(f"nothing was searched: “{printable(args.query)}” holds no word to look "
                    "for (AND, OR, NOT, quotes and * only join or shape words); add a word.",
                    status=2)
    with _open(args) as reg:
        hits = reg.search(args.query)
        docs = _documents(reg, {h.paper_id for h in hits})
        warn_missing_copies(reg, {h.paper_id for h in hits})
    if args.json:
        _dump([{"paper_id": h.paper_id, "reference": h.reference, "page": h.page,
                "source": h.source, "snippet": h.snippet, "document": docs.get(h.paper_id)}
               for h in hits])
        return 0
    for h in hits:
        page = f"p.{h.page}" if h.page else "-"
        doc = docs.get(h.paper_id)
        where = "-"
        if doc:
            where = quoted(doc["file"]) + (f" ({doc['label']})" if doc["documents"] > 1 else "")
        echo(f"{printable(h.reference) or h.paper_id}  {page:<6} {where}  "
             f"{printable(h.source):<22} {printable(h.snippet)}", block=False)
    echo(f"{len(hits)} result(s)")
    return 0


@guarded
def cmd_meeting(args: argparse.Namespace) -> int:
    with _open(args) as reg:
        if args.meeting_command == "create":
            change = reg.create_meeting(args.date, args.name)[0]
            echo(f"created meeting {change.entity_id}: {printable(change.new)}")
        elif args.meeting_command == "add":
            meeting_id = resolve_meeting(reg, args.meeting)
            changes = reg.add_to_meeting(meeting_id, args.paper_ids)
            echo(f"added {len(changes)} paper(s) to meeting {meeting_id}")
        else:
            meetings = reg.meetings()
            agendas = {m["id"]: reg.agenda(m["id"]) for m in meetings}
            if args.json:
                _dump([dict(m, agenda=[_summary_dict(p) for p in agendas[m["id"]]])
                       for m in meetings])
                return 0
            for m in meetings:
                echo(f"{m['id']:>4}  {m['date']}  {printable(m['name'])}  "
                     f"({m['papers']} paper(s))", block=False)
                for i, p in enumerate(agendas[m["id"]], 1):
                    echo(f"        {i}. {printable(p.label)}  {printable(p.title)}",
                         block=False)
    return 0


def build_demo_register(reg: Register) -> list:
    """Import the demo papers and put them on the demo meeting's agenda (idempotent)."""
    meetings = [m for m in reg.meetings() if m["name"] == DEMO_MEETING_NAME]
    meeting_id = (meetings[0]["id"] if meetings else
                  reg.create_meeting(DEMO_MEETING_DATE, DEMO_MEETING_NAME)[0].entity_id)
    return import_paths(reg, demo_papers(), meeting_id=meeting_id)


@guarded
def cmd_demo_register(args: argparse.Namespace) -> int:
    if not demo_papers():
        return fail("the demo papers are missing from this installation.")
    with _open(args) as reg:
        outcomes = build_demo_register(reg)
        for o in outcomes:
            echo(outcome_line(o), block=False)
        echo(f"demo register ready: {printable(reg.path)}")
    return 1 if any(o.status == FAILED for o in outcomes) else 0
