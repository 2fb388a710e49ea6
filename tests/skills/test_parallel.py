"""Skills derived on helper processes are the skills derived in the app's own process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from desktop_app.core.glossary import load_folder
from desktop_app.paths import shipped_glossary_dir
from desktop_app.skills import parallel
from tests.skills.parallel_probe import postings

ROOT = Path(__file__).resolve().parents[2]


def test_helpers_derive_what_the_app_derives_and_end_when_idle_or_closed() -> None:
    probe = [sys.executable, "-m", "tests.skills.parallel_probe"]
    done = subprocess.run(probe, capture_output=True, text=True, check=True, cwd=ROOT, timeout=300)
    report = json.loads(done.stdout)
    assert report["same"] is True
    assert report["skills"] > report["jobs"]  # most postings ask for several terms
    assert report["during"] == 2  # two helpers did the work
    # ... at a lower priority than the app: an import's reading and the window go first.
    if report["priorities"] is not None:
        own, helpers = report["priorities"]
        assert helpers == [min(own + parallel.HELPER_NICE, 19)] * 2  # 19: the lowest there is
    assert report["prepared"] == 2  # started ahead of a batch
    assert report["kept_while_handed"] is True  # not closed for idling while jobs keep coming
    # Jobs handed over before their batch (an import reading them) are not matched again, and
    # the batch gets the same skills in its own order; the helpers of another glossary take none.
    foresight = report["foresight"]
    assert foresight["handed"] == [True, True, False]
    assert foresight["sent"] == [report["jobs"] - 400]
    # Also when the helpers closed between the two, or while the batch was being handed over.
    assert foresight["hung"] is False
    assert foresight["same"] == [True, True, True]
    assert report["after_idle"] == 0 and report["after_close"] == 0
    assert report["start_method"] == "forkserver"  # never a plain fork of the app, for the index either


def test_a_small_batch_is_derived_here_without_starting_helpers() -> None:
    terms, _problems = load_folder(shipped_glossary_dir())
    lookups = parallel.lookups_for(terms)
    pool = parallel.SkillPool(processes=2)
    jobs = postings(20)
    found = pool.derive(jobs, "glossary-1", terms, lambda: lookups)
    assert not pool.running
    assert found == parallel.derive_here(jobs, lookups)
    assert any(slug == "kubernetes" for derived in found for slug, _required in derived)
