"""Required or nice-to-have, from the posting's own sections: headings, bold lines, lists, labels."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.glossary import load_folder
from desktop_app.core.markup import to_text
from desktop_app.core.termlinks import TermMatcher
from desktop_app.paths import shipped_glossary_dir
from desktop_app.skills import asks as asks_module
from desktop_app.skills.asks import asked_skills, heading_section, job_skills
from desktop_app.skills.linker import matcher_for
from desktop_app.skills.parallel import Posting


@pytest.fixture(scope="module")
def glossary() -> tuple[TermMatcher, dict[str, str]]:
    terms, _ = load_folder(shipped_glossary_dir())
    return matcher_for(terms), {t.slug: t.category for t in terms}


def asks(html: str, glossary: tuple[TermMatcher, dict[str, str]]) -> dict[str, bool]:
    matcher, categories = glossary
    return {s.slug: s.required for s in asked_skills(to_text(html), matcher, categories)}


# A Greenhouse-style description: h3 headings, lists, and a benefits section.
GREENHOUSE = """
<p>Acme Pay is hiring a Senior Backend Engineer to scale our payments platform.</p>
<h3>What you'll do</h3>
<ul><li>Design services in Go and deploy them to Kubernetes</li><li>Own our PostgreSQL schema</li></ul>
<h3>What you'll bring</h3>
<ul><li>5+ years with Go or Java</li><li>Hands-on Terraform experience</li></ul>
<h3>Nice to have</h3>
<ul><li>Kafka or RabbitMQ in production</li><li>Exposure to Rust</li></ul>
<h3>Benefits</h3>
<ul><li>401(k) match, unlimited PTO</li><li>Free Snowflake conference tickets? No: gym stipend</li></ul>
"""

# A Lever-style description: bold lines instead of headings, and a "Bonus points" label.
LEVER = """
<div><b>Requirements</b></div>
<div>• Strong Python and Django</div>
<div>• SQL</div>
<div><b>Bonus points</b></div>
<div>• GraphQL</div>
<div>• Docker</div>
<div><b>About us</b></div>
<div>We love React and open source.</div>
"""

# Workable-style: plain paragraphs with labels, and a sentence that says "is a plus".
WORKABLE = """
<p><strong>Must have:</strong> TypeScript, React, CSS</p>
<p>Experience with Next.js is a plus.</p>
<p><strong>Preferred:</strong> Jest, Playwright</p>
"""


def test_greenhouse_sections_as_headings(glossary: tuple[TermMatcher, dict[str, str]]) -> None:
    assert asks(GREENHOUSE, glossary) == {
        "go": True,
        "kubernetes": True,
        "postgresql": True,
        "java": True,
        "terraform": True,
        "apache-kafka": False,
        "rabbitmq": False,
        "rust": False,
    }


def test_lever_sections_as_bold_lines(glossary: tuple[TermMatcher, dict[str, str]]) -> None:
    assert asks(LEVER, glossary) == {
        "python": True,
        "django": True,
        "sql": True,
        "graphql": False,
        "docker": False,
    }


def test_labels_and_a_plus_sentence(glossary: tuple[TermMatcher, dict[str, str]]) -> None:
    assert asks(WORKABLE, glossary) == {
        "typescript": True,
        "react": True,
        "css": True,
        "nextjs": False,
        "jest": False,
        "playwright": False,
    }


def test_required_anywhere_wins_over_nice(glossary: tuple[TermMatcher, dict[str, str]]) -> None:
    html = (
        "<h3>Requirements</h3><ul><li>Docker</li></ul>"
        "<h3>Nice to have</h3><ul><li>Docker, Helm charts</li></ul>"
    )
    assert asks(html, glossary) == {"docker": True, "helm": False}


def test_terms_about_the_job_are_not_skills(glossary: tuple[TermMatcher, dict[str, str]]) -> None:
    # Roles, pay and visas are not skills, even under "Requirements".
    html = "<h3>Requirements</h3><p>Visa sponsorship available; W-2 only; RSUs; Python.</p>"
    assert asks(html, glossary) == {"python": True}


def test_schema_org_skills_count_as_required(glossary: tuple[TermMatcher, dict[str, str]]) -> None:
    matcher, categories = glossary
    found = asked_skills("Nice to have: Docker", matcher, categories, listed=["docker", "kubernetes"])
    assert [(s.slug, s.required) for s in found] == [("docker", False), ("kubernetes", True)]


@pytest.mark.parametrize(
    ("line", "section"),
    [
        ("Nice-to-haves", "nice"),
        ("Preferred Qualifications", "nice"),
        ("Bonus", "nice"),
        ("Plus:", "nice"),
        ("Plus, a yearly learning budget", None),
        ("What We're Looking For", "required"),
        ("Must-Have Skills:", "required"),
        ("Perks & Benefits", "other"),
        ("We are a team of 40 engineers building payments.", None),
        ("• Requirements for the role are listed below", None),
    ],
)
def test_heading_lines(line: str, section: str | None) -> None:
    assert heading_section(line) == section


NICE_LINES = [
    "Kafka would be a plus",
    "Experience with Terraform is a PLUS",
    "Ideally you have shipped Rust",
    "GraphQL (not required)",
    "Terraform would be great",
    "Bonus points for Elixir",
    "Snowflake experience desirable",
    "Go is preferred",
    "extra   credit for WebAssembly",
    "Knowledge of Kotlin will make you stand out",
]


@pytest.mark.parametrize("line", NICE_LINES)
def test_a_line_that_says_nice_to_have_makes_its_terms_nice(
    line: str, glossary: tuple[TermMatcher, dict[str, str]]
) -> None:
    # Each phrase, in any case, under no heading: the line's term is wanted, not required.
    text = f"Requirements\n• Python\n• {line}"
    found = asks(f"<p>{text.replace(chr(10), '<br>')}</p>", glossary)
    assert found["python"] is True
    assert [required for slug, required in found.items() if slug != "python"] == [False]


LINE_PIECES = st.sampled_from(
    [
        "Requirements", "## What you will bring here", "## Nice to have right here",
        "** Benefits and perks we offer **", "**Bonus points**", "Nice to have:", "Benefits",
        "About us", "Plus", "Kafka is a plus", "Terraform would be great", "Ideally Rust", "Good pay",
        "• Go", "- Kafka", "1. Docker", "We build payments software for shops", "Label: Go",
        "İdeally Rust", "STANDOUT", "a b c d e f g", "x: y", ":", " ", "\t", "é", "Σ", "\u00a0",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(st.lists(LINE_PIECES, max_size=4).map(" ".join), min_size=1, max_size=12))
def test_each_line_stands_in_the_section_its_headings_and_words_say(lines: list[str]) -> None:
    # Lines are read for headings and "is a plus" only where they could be one: the same sections
    # as asking every line.
    text = "\n".join(lines)
    section, expected = "required", []
    for line in lines:
        opened = heading_section(line)
        section = opened or section
        said_nice = opened is None and asks_module._says_nice(line)
        expected.append("nice" if said_nice and section == "required" else section)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    assert asks_module._line_sections(text, text.split("\n"), starts) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # "Benefits" names the team, not a benefits section: Java is asked for.
        ("Engineer, Benefits Platform (Java)", [("java", True), ("terraform", True)]),
        # A clause of the title that says "preferred", "a plus" or "optional" makes its terms
        # nice to have, and only its own: the title's other terms stay required.
        ("Python Developer (Preferred: Django)", [("python", True), ("django", False), ("terraform", True)]),
        ("Backend Engineer (Go; Rust a plus)", [("go", True), ("rust", False), ("terraform", True)]),
        ("Java Dev - Kubernetes preferred", [("java", True), ("kubernetes", False), ("terraform", True)]),
        ("CI/CD Engineer (Kubernetes a plus)", [("ci-cd", True), ("kubernetes", False), ("terraform", True)]),
    ],
)
def test_a_title_s_terms_are_required_but_where_a_clause_of_it_says_otherwise(
    title: str, expected: list[tuple[str, bool]], glossary: tuple[TermMatcher, dict[str, str]]
) -> None:
    matcher, categories = glossary
    posting = Posting(title, "Requirements:\n• Terraform", ())
    assert job_skills(posting, matcher, categories, {}) == expected
