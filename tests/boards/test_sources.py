"""Careers URLs and vendor:name forms: which board each names, and a clear line for the rest."""

from __future__ import annotations

import pytest

from desktop_app.boards.sources import SourceError, parse_source


@pytest.mark.parametrize(
    ("given", "key", "url"),
    [
        (
            "https://boards.greenhouse.io/airbnb",
            "greenhouse:airbnb",
            "https://job-boards.greenhouse.io/airbnb",
        ),
        ("https://job-boards.greenhouse.io/airbnb/jobs/7001?gh_src=x", "greenhouse:airbnb", None),
        ("https://boards.greenhouse.io/embed/job_board?for=instacart", "greenhouse:instacart", None),
        ("https://jobs.lever.co/spotify", "lever:spotify", "https://jobs.lever.co/spotify"),
        ("https://jobs.eu.lever.co/acme/0f1e", "lever:eu/acme", "https://jobs.eu.lever.co/acme"),
        ("https://jobs.ashbyhq.com/Ramp", "ashby:Ramp", "https://jobs.ashbyhq.com/Ramp"),
        ("https://careers.smartrecruiters.com/Visa1", "smartrecruiters:Visa1", None),
        ("https://apply.workable.com/huggingface/", "workable:huggingface", None),
        ("jobs.lever.co/spotify", "lever:spotify", None),
        ("greenhouse:airbnb", "greenhouse:airbnb", None),
        ("  Lever:spotify ", "lever:spotify", None),
        ("smartrecruiters:Visa1", "smartrecruiters:Visa1", None),
        ("workable:huggingface", "workable:huggingface", None),
        ("ashby:Ramp", "ashby:Ramp", None),
    ],
)
def test_every_documented_form_names_its_board(given: str, key: str, url: str | None) -> None:
    ref = parse_source(given)
    assert ref.key == key
    if url:
        assert ref.url == url
    assert parse_source(ref.key) == ref  # the key reads back as the same board


@pytest.mark.parametrize(
    "given",
    [
        "https://www.example.com/careers",
        "monster:acme",
        "greenhouse:",
        "https://jobs.lever.co/",
        "ftp://jobs.lever.co/x",
        "",
        "greenhouse:a b",
    ],
)
def test_anything_else_says_which_forms_work(given: str) -> None:
    with pytest.raises(SourceError) as caught:
        parse_source(given)
    message = str(caught.value)
    assert "greenhouse:NAME" in message and "https://jobs.lever.co/NAME" in message
    assert "\n" not in message
