"""Run the frozen bundle as a clerk would; exit non-zero on any miss.

``python -m tools.installer_check dist/mopac-desk-VERSION`` runs, from the bundle only:
``--version``; ``extract --json`` on a bundled demo paper; OCR of the bundled sample scan
(``extract --json`` on an image-only page must read it by OCR); and the window offscreen with
``--self-test`` (a paper open, the Review, Register and Pages panels there). Each step prints
one line with its time. The bundle runs with a throw-away home so no clerk's data is touched.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from mopac_desk import __version__

TIMEOUT_S = 300
DEMO_PAPER = "pcd-977-end-user-device-refresh.pdf"
SCAN = "scan-pcd-977.pdf"
#: Words that OCR of the sample scan must find (PCD 977's first page).
SCAN_WORDS = ("End User Device",)


def executable(bundle: Path) -> Path:
    """The program inside a one-folder bundle (``mopac-desk`` or ``mopac-desk.exe``)."""
    name = "mopac-desk.exe" if sys.platform == "win32" else "mopac-desk"
    return bundle / name


def data_folder(bundle: Path) -> Path:
    """Where PyInstaller 6 puts the data files (``_internal``), or the bundle itself."""
    internal = bundle / "_internal"
    return internal if internal.is_dir() else bundle


def _run(exe: Path, args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([str(exe), *args], capture_output=True, text=True, env=env,
                          timeout=TIMEOUT_S, stdin=subprocess.DEVNULL, check=False)


def steps(bundle: Path) -> list[tuple[str, Callable[[dict[str, str]], str | None]]]:
    """(name, run(env) -> None when it passed, else why not) for each check."""
    exe = executable(bundle)
    data = data_folder(bundle)
    paper = data / "resources" / "demo" / DEMO_PAPER
    scan = data / "resources" / "samples" / SCAN

    def version(env: dict[str, str]) -> str | None:
        r = _run(exe, ["--version"], env)
        if r.returncode != 0 or __version__ not in r.stdout:
            return f"exit {r.returncode}, printed {r.stdout.strip()!r} {r.stderr.strip()[-300:]}"
        return None

    def extract(env: dict[str, str]) -> str | None:
        if not paper.is_file():
            return f"the demo paper is not in the bundle ({paper})"
        r = _run(exe, ["extract", "--json", str(paper)], env)
        if r.returncode != 0:
            return f"exit {r.returncode}: {r.stderr.strip()[-300:]}"
        papers = json.loads(r.stdout)["papers"]
        ref = papers[0]["fields"]["reference"]["value"] if papers else None
        return None if ref == "PCD 977" else f"reference read as {ref!r}"

    def ocr(env: dict[str, str]) -> str | None:
        if not scan.is_file():
            return f"the sample scan is not in the bundle ({scan})"
        r = _run(exe, ["extract", "--json", str(scan)], env)
        if r.returncode != 0:
            return f"exit {r.returncode}: {r.stderr.strip()[-300:]}"
        out = json.loads(r.stdout)
        papers = out["papers"]
        if not papers or not papers[0].get("ocr"):
            return "the scan was not read by OCR"
        text = json.dumps(out)
        missing = [w for w in SCAN_WORDS if w not in text]
        return f"OCR did not find {missing}" if missing else None

    def import_(env: dict[str, str]) -> str | None:
        # Several files: read by the child processes the frozen program starts of itself.
        register = Path(env["HOME"]) / "installer-check.sqlite"
        r = _run(exe, ["import", str(paper.parent), "--register", str(register)], env)
        imported = [line for line in r.stdout.splitlines() if line.startswith("imported:")]
        if r.returncode != 0 or len(imported) < 3:
            return (f"exit {r.returncode}, {len(imported)} imported: "
                    f"{(r.stdout + r.stderr).strip()[-400:]}")
        return None

    def window(env: dict[str, str]) -> str | None:
        r = _run(exe, ["--self-test"], {**env, "QT_QPA_PLATFORM": "offscreen"})
        lines = [line for line in r.stdout.splitlines() if line.startswith("self-test:")]
        if r.returncode != 0 or not lines:
            return (f"exit {r.returncode}: " + "; ".join(lines or [r.stderr.strip()[-400:]]))
        return None

    return [("--version", version), ("extract --json on a demo paper", extract),
            ("OCR of the sample scan", ocr), ("import of the demo papers", import_),
            ("window --self-test offscreen", window)]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m tools.installer_check BUNDLE_FOLDER", file=sys.stderr)
        return 2
    bundle = Path(args[0])
    if not executable(bundle).is_file():
        print(f"installer-check: no program in {bundle}", file=sys.stderr)
        return 1
    failed = 0
    with tempfile.TemporaryDirectory(prefix="mopac-desk-installer-check-") as home:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
        env.update(HOME=home, USERPROFILE=home, APPDATA=home, LOCALAPPDATA=home,
                   XDG_DATA_HOME=str(Path(home) / "data"),
                   XDG_CONFIG_HOME=str(Path(home) / "config"))
        started = time.monotonic()
        for name, step in steps(bundle):
            t0 = time.monotonic()
            try:
                problem = step(env)
            except (subprocess.TimeoutExpired, ValueError, KeyError, IndexError) as exc:
                problem = f"{type(exc).__name__}: {exc}"
            took = time.monotonic() - t0
            print(f"installer-check: {'ok  ' if problem is None else 'FAIL'} {name} "
                  f"({took:.1f} s){'' if problem is None else ': ' + problem}", flush=True)
            failed += problem is not None
        print(f"installer-check: {'all passed' if not failed else f'{failed} failed'} in "
              f"{time.monotonic() - started:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
