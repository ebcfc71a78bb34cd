"""``mopac-desk export-pack``: write an Excel meeting pack from the register."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..register import Register, RegisterError
from ..register.command_common import (
    fail, guarded, register_path, resolve_meeting, warn_missing_copies,
)
from ..terminal import echo, printable
from .excel import PackWriteError, write_pack
from .from_register import pack_for_meeting, pack_for_papers, pack_for_register


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``export-pack`` to the ``mopac-desk`` parser."""
    p = subparsers.add_parser(
        "export-pack", help="write an Excel meeting pack (one meeting, chosen papers, or all)")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--meeting", metavar="MEETING",
                       help="a meeting number or date (YYYY-MM-DD), papers in agenda order")
    which.add_argument("--papers", metavar="ID", type=int, nargs="+",
                       help="these papers (register ids), in the order given")
    which.add_argument("--all", action="store_true", help="every paper in the register")
    p.add_argument("--out", metavar="PACK.xlsx", required=True, help="workbook to write")
    p.add_argument("--publication", action="store_true",
                   help="leave out everything drawn from Part 2 of a paper")
    p.add_argument("--register", metavar="FILE",
                   help="register file (default: the per-user register)")
    p.set_defaults(func=cmd_export_pack)


@guarded
def cmd_export_pack(args: argparse.Namespace) -> int:
    """Build the pack and write it; a plain message and status 1 on any failure (2 for a
    meeting with no papers: there is nothing to export)."""
    reg_path = register_path(args)
    if args.register and not reg_path.is_file():
        return fail(f"there is no register at {reg_path}.")
    try:
        with Register(reg_path) as reg:
            ids = args.papers
            if args.meeting:
                meeting_id = resolve_meeting(reg, args.meeting)
                ids = [p.id for p in reg.agenda(meeting_id)]
                if not ids:
                    return fail(f"meeting {printable(args.meeting)} has no papers on its "
                                "agenda, so no pack was written; add papers first "
                                "(mopac-desk meeting add).", status=2)
                pack = pack_for_meeting(reg, meeting_id)
            elif args.papers:
                pack = pack_for_papers(reg, args.papers)
            else:
                pack = pack_for_register(reg)
            warn_missing_copies(reg, ids)
        out = write_pack(pack, Path(args.out), publication=args.publication)
    except (RegisterError, PackWriteError) as exc:
        return fail(str(exc))
    n_recs = sum(len(p.recommendations) for p in pack.papers)
    version = "publication version" if args.publication else "full version"
    echo(f"wrote {printable(out)}: {len(pack.papers)} paper(s), {n_recs} recommendation(s), "
         f"{version}")
    return 0
