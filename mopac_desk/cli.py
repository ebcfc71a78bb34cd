"""Command line: ``mopac-desk [FILE.pdf ...]`` opens the window; subcommands work headless.

Each subcommand lives beside the code it drives (``<package>/command.py`` with
``register(subparsers)``); this module only routes. The window is reached through
``importlib`` so the core never depends on the Qt front end at import time.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Sequence

from . import __version__

# command name -> module that defines it (module.register(subparsers) adds the parser and sets
# ``func``, which returns the exit status).
COMMAND_MODULES: dict[str, str] = {
    "extract": "mopac_desk.extract.command",
    "check": "mopac_desk.checks.command",
    "import": "mopac_desk.register.command",
    "list": "mopac_desk.register.command",
    "search": "mopac_desk.register.command",
    "meeting": "mopac_desk.register.command",
    "demo-register": "mopac_desk.register.command",
    "export-pack": "mopac_desk.export.command",
}


def _command_parser(name: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mopac-desk")
    sub = parser.add_subparsers(dest="command", required=True)
    module = importlib.import_module(COMMAND_MODULES[name])
    module.register(sub)
    return parser


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mopac-desk",
        description="Offline register of MOPAC decision papers. With no subcommand, opens the "
        "window. Subcommands: " + ", ".join(sorted(COMMAND_MODULES)) + ".",
    )
    parser.add_argument("files", nargs="*", help="PDF papers to open")
    parser.add_argument("--register", help="register file to open (default: per-user register)")
    parser.add_argument("--demo", action="store_true", help="open the bundled demo register")
    parser.add_argument("--version", action="version", version=f"mopac-desk {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] in COMMAND_MODULES:
        try:
            parser = _command_parser(args_list[0])
        except ModuleNotFoundError as exc:
            print(f"mopac-desk: '{args_list[0]}' is not available in this build ({exc.name}).",
                  file=sys.stderr)
            return 2
        args = parser.parse_args(args_list)
        return int(args.func(args) or 0)
    args = _gui_parser().parse_args(args_list)
    app = importlib.import_module("ui.app")
    return int(app.main(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
