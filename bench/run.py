"""`make bench`: every benchmark in turn, each printing its own detail lines, then the table
of every headline figure (the lines that start with ``figure:``), one line each."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = ("viewer.py", "extract.py", "register.py", "export.py", "compare.py",
           "annotations.py", "ocr.py")


def main() -> int:
    figures: list[str] = []
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               PYTHONPATH=str(HERE.parent) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    for name in BENCHES:
        print(f"== bench/{name}", flush=True)
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, str(HERE / name)], stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, env=env, cwd=HERE.parent)
        assert proc.stdout is not None
        for line in proc.stdout:
            print(line, end="", flush=True)
            if line.startswith("figure: "):
                figures.append(line.rstrip("\n"))
        code = proc.wait()
        print(f"   ({time.perf_counter() - t0:.0f} s, exit {code})", flush=True)
        if code not in (0, 1):  # 1: a figure over its target; anything else: it broke
            figures.append(f"figure: {Path(name).stem}_failed 0 - (target ran) over")
    print(f"\n== figures ({time.strftime('%Y-%m-%d')}, {platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()})")
    for line in figures:
        print(line)
    return 0 if all(line.endswith(" ok") for line in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
