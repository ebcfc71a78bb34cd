"""Comparing two papers, or two versions of one: word changes (money first), recommendations,
re-anchoring items on a new version, and a map between the two for scrolling them together."""

from .engine import (
    SCHEMA, Comparison, Version, compare_documents, compare_files, compare_versions,
)

__all__ = ["SCHEMA", "Comparison", "Version", "compare_documents", "compare_files",
           "compare_versions"]
