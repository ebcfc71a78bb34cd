"""Extraction: from a MOPAC paper PDF to fields, recommendations and costs with provenance."""

from .engine import extract_document, extract_file, extract_lines, read_lines
from .model import Extraction

__all__ = ["Extraction", "extract_document", "extract_file", "extract_lines", "read_lines"]
