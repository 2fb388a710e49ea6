"""Running commands: the index built when a command needs it (one line said), streams, exit codes, errors."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app import __version__, cli
from desktop_app.paths import AppPaths
from desktop_app.service.search import SearchPart
from tests.cli.support import Terminal, call

ROOT = Path(__file__).resolve().parents[2]


def test_the_first_command_on_a_new_profile_says_one_line_about_the_index(tmp_path: Path) -> None:
    home = tmp_path / "new"
    first = call(home, "search", "flask", "--json")
    assert first.status == 0 and first.json()["hits"][0]["id"] == "flask"
    said = re.fullmatch(r"glossary-jobs: first start: built the search index \((\d+) items\)\.\n", first.err)
    assert said, first.err
    checked = call(home, "check")
    terms, jobs = map(int, re.findall(r"\((\d+) terms, (\d+) jobs\)", checked.out)[0])
    assert int(said[1]) == terms + jobs and jobs == 6
    assert call(home, "search", "flask").err == ""  # built once: the next command says nothing


def test_on_a_terminal_the_progress_line_gives_way_to_the_one_line(profile: AppPaths) -> None:
    shutil.rmtree(profile.index_dir)
    err = Terminal()
    result = call(profile, "search", "flask", err=err)
    assert result.status == 0
    assert result.err.startswith("\rBuilding the search index… ")
    erased = result.err.split("\r\x1b[K")
    assert len(erased) == 2 and erased[1] == "glossary-jobs: the search index was missing: rebuilt it.\n"


def test_commands_that_need_no_index_do_not_build_it(profile: AppPaths, tmp_path: Path) -> None:
    shutil.rmtree(profile.index_dir)
    listed = call(profile, "favourites", "list", "--json")
    assert (listed.status, listed.out, listed.err) == (0, "[]\n", "")
    assert call(profile, "data", "export", str(tmp_path / "mine.json")).err == ""
    assert not profile.index_dir.exists()
    checked = call(profile, "check")  # check reports the fault rather than mending it
    assert checked.status == 1 and checked.out == ""
    assert checked.err == "index: missing (run reindex, or start the app, to rebuild it)\n"
    rebuilt = call(profile, "reindex")
    assert rebuilt.status == 0 and rebuilt.err == ""
    items = int(re.fullmatch(r"The search index was rebuilt \((\d+) items\)\.\n", rebuilt.out)[1])  # type: ignore[index]
    healthy = call(profile, "check")
    assert healthy.status == 0 and healthy.err == ""
    assert healthy.out == f"OK: database and index are sound ({items - 6} terms, 6 jobs).\n"


def test_a_stale_index_is_caught_up_and_said_once(profile: AppPaths) -> None:
    shutil.rmtree(profile.index_dir)
    result = call(profile, "filters", "list", "--json")
    assert (result.status, result.out, result.err) == (
        0,
        "[]\n",
        "glossary-jobs: the search index was missing: rebuilt it.\n",
    )


def test_json_is_an_option_of_the_documented_commands_only(profile: AppPaths) -> None:
    for argv in (["search", "flask"], ["show", "flask"], ["filters", "list"], ["favourites", "list"]):
        assert call(profile, *argv, "--json").status == 0, argv
    refused = call(profile, "reindex", "--json")
    assert refused.status == 2 and refused.err.rstrip().endswith("error: unrecognized arguments: --json")


def test_main_writes_to_the_streams_it_is_given() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert cli.main(["--version"], out=out, err=err) == 0
    assert (out.getvalue(), err.getvalue()) == (f"glossary-jobs {__version__}\n", "")
    out, err = io.StringIO(), io.StringIO()
    assert cli.main(["--help"], out=out, err=err) == 0
    assert out.getvalue().startswith("usage: glossary-jobs ") and "favourites" in out.getvalue()
    out, err = io.StringIO(), io.StringIO()
    assert cli.main(["serch", "flask"], out=out, err=err) == 2
    assert out.getvalue() == "" and "invalid choice: 'serch'" in err.getvalue()
    out, err = io.StringIO(), io.StringIO()
    assert cli.main([], out=out, err=err) == 2
    assert err.getvalue() == (
        "glossary-jobs: error: give a COMMAND (see --help); with no command, glossary-jobs opens the window\n"
    )


def test_an_unexpected_failure_is_one_line_and_logged(
    profile: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*_args: object, **_kwargs: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(SearchPart, "query", explode)
    result = call(profile, "search", "flask")
    log = profile.logs_dir / "cli-errors.log"
    assert result.status == 1 and result.out == ""
    assert result.err == f"glossary-jobs: unexpected error: 'boom' (details in {log})\n"
    assert "KeyError: 'boom'" in log.read_text(encoding="utf-8")


def _subprocess(
    *argv: str, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *argv],
        capture_output=True, text=True, cwd=ROOT, env=env or dict(os.environ), timeout=120, input=stdin,
    )  # fmt: skip


def test_a_command_loads_no_qt(profile: AppPaths) -> None:
    code = (
        "import sys; from desktop_app.main import main; "
        f"status = main(['--data-dir', {str(profile.root)!r}, 'search', 'flask', '--json']); "
        "assert 'PySide6' not in sys.modules, 'Qt was imported'; sys.exit(status)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["hits"][0]["id"] == "flask"


def test_errors_are_one_line_without_traceback(profile: AppPaths) -> None:
    result = _subprocess("--data-dir", str(profile.root), "show", "no-such-thing")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("glossary-jobs: error: no term or job has the id 'no-such-thing'")
    assert result.stderr.count("\n") == 1
    missing = _subprocess("--data-dir", str(profile.root), "import", "/nonexistent/jobs.json")
    assert missing.returncode == 1
    assert missing.stderr == "glossary-jobs: error: no such file: /nonexistent/jobs.json\n"


def test_damaged_database_is_a_clear_error(tmp_path: Path) -> None:
    home = tmp_path / "broken"
    home.mkdir()
    (home / "glossary-jobs.sqlite3").write_bytes(b"garbage" * 200)
    result = _subprocess("--data-dir", str(home), "search", "flask")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("glossary-jobs: error: ") and result.stderr.count("\n") == 1
    assert "damaged" in result.stderr and "Traceback" not in result.stderr
    assert (home / "glossary-jobs.sqlite3").read_bytes() == b"garbage" * 200


def test_environment_variable_selects_the_profile(profile: AppPaths) -> None:
    env = {**os.environ, "GLOSSARY_JOBS_HOME": str(profile.root)}
    result = _subprocess("show", "wsgi", "--json", env=env)
    assert result.returncode == 0 and json.loads(result.stdout)["id"] == "wsgi"


def test_version() -> None:
    result = _subprocess("--version")
    assert (result.returncode, result.stdout) == (0, f"glossary-jobs {__version__}\n")


def test_search_batch_reads_standard_input(profile: AppPaths) -> None:
    done = _subprocess("--data-dir", str(profile.root), "search", "--batch", "-", stdin="kube\npostgres\n")
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["hits"][0]["id"] for line in done.stdout.splitlines()] == [
        "kubernetes",
        "postgresql",
    ]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the display check is for X11/Wayland")
def test_no_display_is_one_clear_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = _subprocess("--data-dir", str(tmp_path / "p"), env=env)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no display" in lines[0] and "xvfb-run" in lines[0]
