"""The register: one class put together from the operations, each in the module of its job."""

from __future__ import annotations

from .anchoring import Anchoring
from .annotations import Annotations
from .edits import Edits
from .ingest import Ingest
from .meetings import Meetings
from .queries import Queries
from .search_reads import SearchReads
from .tags import Tags


class Register(Ingest, Edits, Tags, Meetings, Annotations, Anchoring, SearchReads, Queries):
    """A register file. Open with ``Register(path)``; use one instance per thread.

    ``user`` is who the audit history names when an action passes no ``who``. Every
    operation that writes is one ``BEGIN IMMEDIATE`` transaction with its audit rows and
    returns the :class:`~mopac_desk.register.store.Change` records it made; listeners
    (:meth:`add_listener`) are told of them once, after the commit.
    """
