"""Window and command-line writes at once: each waits or fails in one clear line; nothing is corrupted."""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app import cli
from desktop_app.importers import parse_file
from desktop_app.paths import AppPaths, shipped_glossary_dir
from desktop_app.search import index
from desktop_app.service import Service
from desktop_app.storage import db
from desktop_app.storage.userdata import DATA_FORMAT, DATA_VERSION
from tests.conftest import FIXTURES
from tests.reliability.harness import ROOT, Ledger, verify

BUSY = "the library is busy"


def run_cli(profile: AppPaths, *args: str) -> subprocess.CompletedProcess[str]:
    """Run a command line in this process: the window writing meanwhile is another process."""
    out, err = io.StringIO(), io.StringIO()
    status = cli.main(["--data-dir", str(profile.root), *args], out=out, err=err)
    return subprocess.CompletedProcess(args, status, out.getvalue(), err.getvalue())


@pytest.fixture
def write_locked(profile: AppPaths, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The database held locked for writing by another connection (as a long write elsewhere would)."""
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(profile.database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    yield holder
    holder.rollback()
    holder.close()


def test_cli_writes_blocked_past_the_busy_timeout_fail_in_one_clear_line(
    profile: AppPaths, write_locked: sqlite3.Connection, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    job_id = _a_job(profile)
    data_file = tmp_path / "data.json"
    data_file.write_text(data_document("from file", "go"), encoding="utf-8")
    commands = [
        ["filters", "add", "blocked", "python"],
        ["favourites", "add", job_id, "--note", "blocked"],
        ["import", str(FIXTURES / "greenhouse.json")],
        ["data", "import", str(data_file)],
    ]
    for command in commands:
        status = cli.run(cli.parse_args(["--data-dir", str(profile.root), *command]))
        err = capsys.readouterr().err
        assert status == 1, command
        assert err.count("\n") == 1 and "Traceback" not in err, err
        assert "busy" in err and "try again" in err, err
    write_locked.rollback()
    assert cli.run(cli.parse_args(["--data-dir", str(profile.root), "filters", "add", "later", "go"])) == 0
    service = Service(profile)
    service.open()
    try:
        assert [f.name for f in service.user.saved_filters()] == ["later"]  # the blocked ones changed nothing
        assert service.user.favourite(job_id) is None
        assert service.profile.store.integrity_problems() == []
    finally:
        service.close()


def data_document(name: str, query: str) -> str:
    """Return a reader's data file holding one saved filter."""
    saved = {"name": name, "query": query, "created_at": "2026-01-02T03:04:05"}
    document = {"format": DATA_FORMAT, "version": DATA_VERSION, "filters": [saved]}
    return json.dumps(document)


def _a_job(profile: AppPaths) -> str:
    with sqlite3.connect(profile.database) as conn:
        return str(conn.execute("SELECT id FROM jobs ORDER BY id LIMIT 1").fetchone()[0])


@pytest.mark.parametrize("holder", ["another process's rebuild", "a Whoosh writer"])
def test_an_index_held_by_another_writer_is_a_clear_message_and_the_jobs_are_kept(
    profile: AppPaths, holder: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(index, "WRITER_TIMEOUT_S", 0.2)
    argv = ["--data-dir", str(profile.root), "import", str(FIXTURES / "lever.json")]
    if holder == "a Whoosh writer":
        writer = index.open_index(profile.index_dir).writer()
        try:
            status = cli.run(cli.parse_args(argv))
        finally:
            writer.cancel()
    else:
        with index._writing(profile.index_dir, 1.0):
            status = cli.run(cli.parse_args(argv))
    err = capsys.readouterr().err
    assert status == 1
    assert err.count("\n") == 1 and "the jobs were stored, but the search index is being written" in err
    service = Service(profile)
    service.open()
    try:
        assert service.profile.counts()[1] > 6  # stored
        assert service.indexing.ensure() == "stale"  # and the index catches up at the next start
        title = parse_file(FIXTURES / "lever.json").jobs[0].title
        assert service.search.query(f'"{title}"', kind="job").hits[0].title == title
    finally:
        service.close()


def test_the_window_and_command_line_writing_together_leave_an_intact_database(
    profile: AppPaths, tmp_path: Path
) -> None:
    window = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.gui_writer", str(profile.root)],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert window.stdout is not None and window.stdin is not None
    first = window.stdout.readline()
    assert first.startswith('["ready"'), first + (window.stderr.read() if window.stderr else "")
    ledger = Ledger()
    job_id = _a_job(profile)
    data_file = tmp_path / "data.json"
    data_file.write_text(data_document("merged", "rust"), encoding="utf-8")
    entry = tmp_path / "bottle.toml"
    flask = (shipped_glossary_dir() / "flask.toml").read_text(encoding="utf-8")
    entry.write_text(
        flask.replace('slug = "flask"', 'slug = "bottle"').replace('title = "Flask"', 'title = "Bottle"')
        .replace('aliases = ["Flask framework", "Python Flask"]', "aliases = []"),
        encoding="utf-8",
    )  # fmt: skip
    commands = [
        ["filters", "add", "cli one", "python"],
        ["favourites", "add", job_id, "--status", "interviewing", "--note", "cli note"],
        ["import", str(FIXTURES / "greenhouse.json"), "--json"],
        ["data", "import", str(data_file)],
        ["filters", "add", "cli two", "kube"],
        ["reindex"],
        ["glossary", "add", str(entry)],
        ["import", str(FIXTURES / "workable.json"), "--json"],
        ["filters", "add", "cli three", "go"],
    ]
    try:
        for command in commands:
            done = run_cli(profile, *command)
            assert done.returncode == 0 or (done.returncode == 1 and BUSY in done.stderr), done.stderr
            if done.returncode:
                continue
            if command[:2] == ["filters", "add"]:
                filter_id = int(done.stdout.split()[2].rstrip(":"))
                ledger.take(json.dumps(["done", "filter", filter_id, [command[2], command[3]]]))
            elif command[0] == "favourites":
                ledger.take(json.dumps(["done", "favourite", job_id, ["interviewing", "cli note"]]))
            elif command[0] == "import":
                ids = [job["id"] for job in json.loads(done.stdout)["accepted"]]
                ledger.take(json.dumps(["done", "jobs", 0, ids]))
    finally:
        out, err = window.communicate("stop\n", timeout=60)
    assert window.returncode == 0, err
    window_writes = [line for line in out.splitlines() if line.startswith('["done"')]
    assert len(window_writes) > 10  # the window really was writing while the commands ran
    for line in window_writes:
        ledger.take(line)
    lost, _state = verify(profile, ledger)
    assert lost == []
    done = run_cli(profile, "show", "bottle")
    assert done.returncode == 0 and done.stdout.startswith("Bottle"), done.stderr


def test_an_open_window_searches_the_index_another_process_rebuilt(profile: AppPaths) -> None:
    window, command = Service(profile), Service(profile)  # two processes' services on one profile
    window.open()
    command.open()
    try:
        before = window.search.query("flask").total
        command.indexing.rebuild()  # reindex swaps a new folder in under the window
        command.jobs.import_files([FIXTURES / "greenhouse.json"])  # and an import updates it in place
        after = window.search.query("flask")
        assert after.total == before  # each item once: not the set-aside folder's copy as well
        assert len({hit.id for hit in after.hits}) == len(after.hits)
        title = parse_file(FIXTURES / "greenhouse.json").jobs[0].title
        assert window.search.query(f'"{title}"', kind="job").hits[0].title == title  # and the import is seen
    finally:
        window.close()
        command.close()
