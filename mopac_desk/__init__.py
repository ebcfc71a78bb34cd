"""mopac-desk core: everything a clerk can do, without a screen (no Qt here)."""

__version__ = "0.1.0"
