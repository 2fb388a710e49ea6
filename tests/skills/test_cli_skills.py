"""``skills`` and ``match`` on a small hand-built board: demand figures, fit order, résumés."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from desktop_app.paths import AppPaths
from tests.cli.support import call, call_json

TODAY = date.today()


def posting(identifier: str, title: str, days_ago: int, required: str, nice: str, pay: int | None) -> dict:
    page: dict = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": title,
        "identifier": {"@type": "PropertyValue", "name": "Hand", "value": identifier},
        "hiringOrganization": {"@type": "Organization", "name": f"Co {identifier}"},
        "datePosted": (TODAY - timedelta(days=days_ago)).isoformat(),
        "description": f"<h3>Requirements</h3><ul><li>{required}</li></ul>"
        + (f"<h3>Nice to have</h3><ul><li>{nice}</li></ul>" if nice else ""),
    }
    if pay:
        page["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": "USD",
            "value": {"@type": "QuantitativeValue", "minValue": pay, "maxValue": pay, "unitText": "YEAR"},
        }
    return page


BOARD = [
    posting("h1", "Platform Engineer", 1, "Kubernetes, Terraform, Go", "Prometheus", 180_000),
    posting("h2", "Site Reliability Lead", 3, "Kubernetes, Terraform", "", 160_000),
    posting("h3", "Backend Developer", 2, "Python, PostgreSQL, Kubernetes", "Redis", 140_000),
    posting("h4", "Data Analyst", 5, "SQL, Tableau", "Python", None),
]


@pytest.fixture
def board(profile: AppPaths, tmp_path: Path) -> AppPaths:
    source = tmp_path / "board.jsonld"
    source.write_text(json.dumps(BOARD), encoding="utf-8")
    assert len(call_json(profile, "import", str(source))["accepted"]) == 4
    return profile


def _week(day: date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def test_skills_json_counts_shares_trend_companions_and_pay(board: AppPaths) -> None:
    # The command's week is the one it ran in (a run may cross midnight after TODAY was taken).
    before = date.today()
    rows = call_json(board, "skills", "--query", "company:co", "--limit", "3")
    weeks = {_week(before), _week(date.today())}
    assert [(r["id"], r["jobs"]) for r in rows] == [("kubernetes", 3), ("python", 2), ("terraform", 2)]
    k8s = rows[0]
    assert set(k8s) == {"id", "title", "jobs", "share", "weekly", "with", "median_salary"}
    assert k8s["title"] == "Kubernetes" and k8s["share"] == 0.75
    assert len(k8s["weekly"]) == 12 and sum(w["jobs"] for w in k8s["weekly"]) == 3
    assert k8s["weekly"][-1]["week"] in weeks
    assert k8s["with"][0] == {"id": "terraform", "share": 0.667}
    assert k8s["median_salary"] == {"with": 160_000, "without": None, "known": 3}


def test_match_ranks_by_fit_with_required_weighing_more(board: AppPaths) -> None:
    data = call_json(board, "match", "--skills", "k8s, Terraform, Postgres", "--query", "company:co")
    assert data["skills"] == [
        {"id": "kubernetes", "title": "Kubernetes"},
        {"id": "terraform", "title": "Terraform"},
        {"id": "postgresql", "title": "PostgreSQL"},
    ]
    assert [(h["title"], h["score"]) for h in data["hits"]] == [
        ("Site Reliability Lead", 1.0),
        ("Platform Engineer", 0.5714),  # 4 of 7: Go (required, 2) and Prometheus (nice, 1) missing
        ("Backend Developer", 0.5714),  # 4 of 7: Python (2) and Redis (1) missing; posted later
    ]
    platform = data["hits"][1]
    assert platform["missing"] == [
        {"id": "go", "title": "Go", "required": True},
        {"id": "prometheus", "title": "Prometheus", "required": False},
    ]
    assert [m["id"] for m in platform["matched"]] == ["kubernetes", "terraform"]


def pdf_with(text: str | None, password: str | None = None) -> bytes:
    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    if text is not None:
        font = DictionaryObject({
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        })  # fmt: skip
        fonts = DictionaryObject({NameObject("/F1"): writer._add_object(font)})
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 11 Tf 72 720 Td ({text}) Tj ET".encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


RESUME = "Jane Doe. Skills: Kubernetes, Terraform and PostgreSQL; some Go."


@pytest.mark.parametrize("suffix", [".txt", ".md", ".pdf", ".docx"])
def test_match_reads_a_resume_in_each_format(board: AppPaths, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"resume{suffix}"
    if suffix == ".pdf":
        path.write_bytes(pdf_with(RESUME))
    elif suffix == ".docx":
        document = docx.Document()
        document.add_heading("Jane Doe", level=1)
        document.add_paragraph(RESUME)
        document.save(str(path))
    else:
        path.write_text(("# Jane Doe\n\n" if suffix == ".md" else "") + RESUME, encoding="utf-8")
    data = call_json(board, "match", "--resume", str(path), "--query", "company:co")
    assert {s["id"] for s in data["skills"]} == {"kubernetes", "terraform", "postgresql", "go"}
    assert data["hits"][0]["title"] == "Site Reliability Lead"


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("scan.pdf", pdf_with(None), "holds no text"),
        ("locked.pdf", pdf_with(RESUME, password="secret"), "password-protected"),
        ("empty.txt", b"", "is empty"),
        ("broken.docx", b"not a zip", "not a readable Word document"),
        ("letter.txt", b"Dear hiring manager, I love long walks and cooking.", "names no skill"),
        ("resume.rtf", b"{\\rtf1 Python}", "must be .txt, .md, .pdf or .docx"),
    ],
)
def test_an_unreadable_resume_is_one_clear_line(
    board: AppPaths, tmp_path: Path, name: str, content: bytes, says: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = call(board, "match", "--resume", str(path), "--json")
    assert result.status == 1 and result.out == ""
    assert len(result.err.strip().splitlines()) == 1 and says in result.err
