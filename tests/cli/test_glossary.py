"""``glossary add``: the reader's own entries taken, bad files explained one by one."""

from __future__ import annotations

from pathlib import Path

from desktop_app.paths import AppPaths, shipped_glossary_dir
from tests.cli.support import call, call_json


def bottle_entry() -> str:
    source = (shipped_glossary_dir() / "flask.toml").read_text(encoding="utf-8")
    bottle = source.replace('slug = "flask"', 'slug = "bottle"').replace(
        'title = "Flask"', 'title = "Bottle"'
    )
    return bottle.replace('aliases = ["Flask framework", "Python Flask"]', "aliases = []")


def test_glossary_add_takes_good_entries_and_explains_bad_ones(profile: AppPaths, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    bottle = bottle_entry()
    (folder / "bottle.toml").write_text(bottle, encoding="utf-8")
    (folder / "broken.toml").write_text('slug = "x', encoding="utf-8")
    (folder / "flask.toml").write_text((shipped_glossary_dir() / "flask.toml").read_text(encoding="utf-8"))
    (folder / "orphan.toml").write_text(
        bottle.replace('slug = "bottle"', 'slug = "orphan"').replace('title = "Bottle"', 'title = "Orphan"')
        .replace('slug = "wsgi"', 'slug = "nowhere"'),
        encoding="utf-8",
    )  # fmt: skip
    data = call_json(profile, "glossary", "add", str(folder))
    assert set(data) == {"added", "rejected"} and data["added"] == ["bottle"]
    reasons = {r["source"]: r["reason"] for r in data["rejected"]}
    assert "not valid TOML" in reasons["broken.toml"]
    assert "is a shipped entry" in reasons["flask.toml"]
    assert "related 'nowhere' is not an entry" in reasons["orphan.toml"]
    assert call_json(profile, "show", "bottle")["title"] == "Bottle"
    assert call_json(profile, "search", "bottle")["hits"][0]["id"] == "bottle"


def test_glossary_add_of_only_bad_files_exits_1_and_says_why(profile: AppPaths, tmp_path: Path) -> None:
    (tmp_path / "broken.toml").write_text('slug = "x', encoding="utf-8")
    result = call(profile, "glossary", "add", str(tmp_path / "broken.toml"))
    assert result.status == 1 and result.err == ""
    first, second = result.out.splitlines()
    assert first == "Added 0 entries: —"
    assert second.startswith("  rejected broken.toml: ") and "not valid TOML" in second
