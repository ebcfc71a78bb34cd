"""Every readiness rule, in the order findings are listed."""

from __future__ import annotations

from typing import Callable

from ..extract.lines import Line
from ..extract.model import Finding, Paper
from .acronyms import acronym_mismatch
from .amounts import amount_mismatch, arithmetic
from .dates import dates
from .numbering import numbering
from .placeholders import placeholder
from .sections import sections
from .thresholds import threshold
from .titles import title_mismatch

Rule = Callable[[Paper, list[Line]], list[Finding]]

RULES: tuple[Rule, ...] = (
    placeholder, title_mismatch, amount_mismatch, arithmetic, threshold, sections, numbering,
    dates, acronym_mismatch,
)
