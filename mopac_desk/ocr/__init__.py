"""OCR for scanned papers: words with boxes and confidences, page texts the extraction reads,
and a searchable copy of a scan. Qt-free."""
