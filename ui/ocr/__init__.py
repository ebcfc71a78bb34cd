"""Scanned papers in the window: OCR in the background (Preferences: automatically, ask,
never), the banner over a scan, its words for find/selection/capture, and File › Save
Searchable Copy….

Import from the modules (``ui.ocr.controller``, ``.banner``, ``.searchable``, ``.settings``):
Preferences imports ``ui.ocr.settings`` alone, below the workspace."""
