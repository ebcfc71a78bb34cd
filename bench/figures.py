"""The one form every benchmark's headline figure is printed in, so `make bench` can end with
one table: ``figure: NAME VALUE UNIT (target OP X) ok|over``."""

from __future__ import annotations

import operator

_OPS = {"<=": operator.le, ">=": operator.ge}


def figure(name: str, value: float, unit: str, op: str, target: float) -> bool:
    """Print one figure line; returns whether it meets its target."""
    ok = _OPS[op](value, target)
    print(f"figure: {name} {value:.2f} {unit} (target {op} {target:g}) {'ok' if ok else 'over'}",
          flush=True)
    return ok
