"""My Skills: a profile typed or read from a résumé, kept with the reader's data, and jobs ranked by fit."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter

from desktop_app.core.criteria import Criteria
from desktop_app.paths import AppPaths
from desktop_app.service import Service, ServiceError
from desktop_app.service.myskills import HaveLack, fit_mark, have_and_lack
from desktop_app.service.skills import JobSkill
from tests.cli.support import call, call_json

BOARD = {  # identifier: (title, posted, required skills, nice-to-have skills)
    "fit-a": ("Zorblax Platform Engineer", "2026-11-01", "Go, PostgreSQL", "Apache Kafka"),
    "fit-b": ("Zorblax Backend Engineer", "2026-11-20", "Go, Rust", "Docker"),
    "fit-c": ("Zorblax Data Engineer", "2026-11-10", "Go, PostgreSQL", "Apache Kafka"),
    "fit-d": ("Zorblax Frontend Engineer", "2026-11-25", "TypeScript, React", "GraphQL"),
}


def posting(folder: Path, identifier: str) -> Path:
    """Write one JSON-LD posting of BOARD with Requirements and Nice to have sections."""
    title, posted, required, nice = BOARD[identifier]
    items = "".join(f"<li>3+ years of {s} in production</li>" for s in required.split(", "))
    extras = "".join(f"<li>Experience with {s}</li>" for s in nice.split(", "))
    page = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": title,
        "identifier": {"@type": "PropertyValue", "name": "Zorblax", "value": identifier},
        "hiringOrganization": {"@type": "Organization", "name": "Zorblax"},
        "datePosted": posted,
        "description": f"<p>We build things.</p><h3>Requirements</h3><ul>{items}</ul>"
        f"<h3>Nice to have</h3><ul>{extras}</ul>",
    }
    path = folder / f"{identifier}.jsonld"
    path.write_text(json.dumps(page), encoding="utf-8")
    return path


@pytest.fixture
def board(service: Service, tmp_path: Path) -> Service:
    """The service with the four Zorblax jobs imported and their skills derived."""
    service.jobs.import_files([posting(tmp_path, key) for key in BOARD])
    return service


def test_fit_weighs_required_skills_twice() -> None:
    assert (
        fit_mark([("go", True), ("rust", True), ("docker", False)], frozenset({"go", "docker"})).score == 0.6
    )
    assert fit_mark([], frozenset({"go"})).asked == 0


def test_typed_names_map_to_entries_through_titles_and_aliases(service: Service) -> None:
    found = dict(service.myskills.read("Postgres, k8s; ReactJS\n- Go"))
    assert {"postgresql", "kubernetes", "react", "go"} <= set(found)
    names = dict(service.myskills.names())
    assert names["k8s"] == "kubernetes" and names["Postgres"] == "postgresql"


def test_the_profile_is_kept_in_order_and_a_merged_or_unknown_id_is_handled(service: Service) -> None:
    assert service.myskills.profile() == ()
    kept = service.myskills.set_profile(["go", "postgresql", "go"])
    assert kept == (("go", "Go"), ("postgresql", "PostgreSQL"))
    with pytest.raises(ServiceError, match="no glossary entry"):
        service.myskills.set_profile(["go", "no-such-skill"])
    assert service.myskills.slugs() == {"go", "postgresql"}  # a refused change changes nothing


def test_a_docx_and_a_pdf_resume_are_read_and_only_their_skills_kept(
    service: Service, tmp_path: Path
) -> None:
    document = docx.Document()
    document.add_heading("Ada Lovelace", 0)
    document.add_paragraph("Backend engineer: eight years of Go and Postgres, services on k8s.")
    document.save(str(tmp_path / "cv.docx"))
    found = dict(service.myskills.read_resume(tmp_path / "cv.docx"))
    assert {"go", "postgresql", "kubernetes"} <= set(found)
    blank = PdfWriter()
    blank.add_blank_page(612, 792)
    with (tmp_path / "scan.pdf").open("wb") as out:
        blank.write(out)
    with pytest.raises(ServiceError, match=r"scan\.pdf: holds no text"):
        service.myskills.read_resume(tmp_path / "scan.pdf")
    (tmp_path / "letter.txt").write_text(
        "Dear landlord, the boiler is broken again. Regards.", encoding="utf-8"
    )
    with pytest.raises(ServiceError, match="names no skill the glossary knows"):
        service.myskills.read_resume(tmp_path / "letter.txt")


def test_the_profile_travels_in_the_data_file(service: Service, tmp_path: Path) -> None:
    service.myskills.set_profile(["rust", "docker"])
    out = tmp_path / "my-data.json"
    assert service.user.export_data(out)["skills"] == 2
    assert [s["id"] for s in json.loads(out.read_text(encoding="utf-8"))["skills"]] == ["rust", "docker"]
    service.myskills.set_profile(["go"])
    assert service.user.import_data(out)["skills"] == 2
    assert service.myskills.slugs() == {"go", "rust", "docker"}
    assert service.user.import_data(out)["skills"] == 0  # merged once


def test_a_bad_skills_part_imports_nothing(service: Service, tmp_path: Path) -> None:
    data = {"format": "glossary-jobs-data", "version": 1, "filters": [{"name": "x", "query": "go",
            "created_at": "2026-01-01T00:00:00"}], "skills": [{"id": 3}]}  # fmt: skip
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ServiceError, match="skill 1"):
        service.user.import_data(path)
    assert service.user.saved_filters() == []


def test_jobs_rank_by_fit_required_first_ties_newest_first(board: Service) -> None:
    board.myskills.set_profile(["go", "postgresql"])
    hits = board.myskills.ranked("zorblax", Criteria(), 10)
    assert [h.title.split()[1] for h in hits] == ["Data", "Platform", "Backend", "Frontend"]
    marks = board.myskills.marks([h.id for h in hits])
    assert [(marks[h.id].matched, marks[h.id].asked) for h in hits] == [(2, 3), (2, 3), (1, 3), (0, 3)]
    assert board.myskills.mark(hits[0].id) == marks[hits[0].id]  # kept: the window reads it per row


def test_the_fit_follows_a_changed_profile(board: Service) -> None:
    board.myskills.set_profile(["go", "postgresql"])
    first = board.myskills.ranked("zorblax", Criteria(), 1)[0]
    board.myskills.set_profile(["typescript", "react", "graphql"])
    best = board.myskills.ranked("zorblax", Criteria(), 1)[0]
    assert best.title == "Zorblax Frontend Engineer" != first.title
    assert board.myskills.mark(best.id) is not None and board.myskills.mark(best.id).score == 1.0  # type: ignore[union-attr]


def test_have_and_lack_split_a_jobs_skills() -> None:
    asked = (JobSkill("go", "Go", True), JobSkill("rust", "Rust", True), JobSkill("docker", "Docker", False))
    split = have_and_lack(asked, frozenset({"go"}))
    assert split == HaveLack(asked[:1], asked[1:2], asked[2:])
    assert [s.id for s in split.missing] == ["rust", "docker"]


def test_match_with_the_saved_profile(profile: AppPaths, tmp_path: Path) -> None:
    empty = call(profile, "match", "--profile")
    assert empty.status == 1 and "My Skills is empty" in empty.err
    service = Service(profile)
    service.open()
    try:
        service.jobs.import_files([posting(tmp_path, key) for key in BOARD])
        service.myskills.set_profile(["typescript", "react", "graphql"])
    finally:
        service.close()
    found = call_json(profile, "match", "--profile", "--query", "zorblax", "--limit", "1")
    assert [s["id"] for s in found["skills"]] == ["typescript", "react", "graphql"]
    assert [(h["title"], h["score"], h["missing"]) for h in found["hits"]] == [
        ("Zorblax Frontend Engineer", 1.0, [])
    ]


def test_the_fit_order_leaves_out_hidden_jobs_and_follows_the_filters(board: Service) -> None:
    board.myskills.set_profile(["go", "postgresql"])
    best = board.myskills.ranked("zorblax", Criteria(), 10)[0]
    board.user.hide("job", best.id)
    hits = board.myskills.ranked("zorblax", Criteria(), 10)
    assert best.id not in {h.id for h in hits}
    assert [h.title.split()[1] for h in hits] == ["Platform", "Backend", "Frontend"]
    recent = board.myskills.ranked("zorblax", Criteria(posted_within_days=60_000, sort="fit"), 10)
    assert [h.title.split()[1] for h in recent] == ["Platform", "Backend", "Frontend"]
