"""How an amount of money is written for a clerk: one style everywhere (register list,
review panel, command line, checks' messages, compare output).

Amounts are integer pence. Whole pounds are written without pence ("£14,700,000"); anything
else keeps its pence exactly ("£213,477.50"), so a figure a finance officer reads is never
rounded.
"""

from __future__ import annotations


def format_pence(pence: int) -> str:
    """``£1,234`` or ``£1,234.56`` (and ``-£5``) from integer pence."""
    sign = "-" if pence < 0 else ""
    pounds, p = divmod(abs(int(pence)), 100)
    return f"{sign}£{pounds:,}" if p == 0 else f"{sign}£{pounds:,}.{p:02d}"
