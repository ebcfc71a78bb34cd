"""Extraction pauses Python's cycle collector for speed and always gives it back."""

from __future__ import annotations

import gc
from concurrent.futures import ThreadPoolExecutor

from mopac_desk.extract import extract_file


def test_collector_is_running_again_after_overlapping_extractions(pcd977):
    assert gc.isenabled()
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(lambda _: extract_file(pcd977), range(3)))
    assert gc.isenabled()
    assert all(r.papers[0].fields["reference"].value == "PCD 977" for r in results)


def test_a_collector_switched_off_by_the_caller_stays_off(pcd977):
    gc.disable()
    try:
        extract_file(pcd977)
        assert not gc.isenabled()
    finally:
        gc.enable()
