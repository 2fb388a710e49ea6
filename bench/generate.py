"""A seeded generator of realistic job postings (schema.org JobPosting JSON-LD) for benchmarks and tests.

``python -m bench.generate N OUT.jsonld [--seed S]`` writes N postings.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

LEVELS = ("Junior", "", "", "Senior", "Senior", "Staff", "Principal", "Lead")
ROLES = (
    "Software Engineer", "Backend Engineer", "Frontend Developer", "Full Stack Developer",
    "Data Engineer", "Data Scientist", "Machine Learning Engineer", "DevOps Engineer",
    "Site Reliability Engineer", "Mobile App Developer", "iOS Developer", "Android Developer",
    "QA Engineer", "Security Engineer", "Cloud Architect", "Platform Engineer",
    "Engineering Manager", "Solutions Architect", "Database Administrator", "Product Manager",
)  # fmt: skip
STACKS = (
    "Python", "Django", "Flask", "FastAPI", "Java", "Spring Boot", "Kotlin", "Go", "Rust",
    "TypeScript", "React", "Angular", "Vue.js", "Node.js", "C#", ".NET", "C++", "Ruby on Rails",
    "PostgreSQL", "MySQL", "MongoDB", "Redis", "Kafka", "Elasticsearch", "AWS", "Azure", "GCP",
    "Docker", "Kubernetes", "Terraform", "Ansible", "Jenkins", "GitHub Actions", "GraphQL",
    "REST APIs", "gRPC", "Spark", "Airflow", "dbt", "Snowflake", "PyTorch", "TensorFlow",
    "scikit-learn", "pandas", "Swift", "SwiftUI", "Flutter", "React Native", "Linux", "Prometheus",
)  # fmt: skip
COMPANY_A = (
    "Blue", "North", "Bright", "Iron", "Silver", "Quantum", "Cedar", "Harbor", "Summit", "Nimbus",
    "Atlas", "Pioneer", "Granite", "Coastal", "Lumen", "Vector", "Maple", "Orbit", "Redwood", "Falcon",
)  # fmt: skip
COMPANY_B = (
    "Labs", "Systems", "Analytics", "Health", "Logistics", "Robotics", "Software", "Networks",
    "Financial", "Media", "Energy", "Security", "Cloud", "Bio", "Works", "Dynamics",
)  # fmt: skip
CITIES = (
    ("New York", "NY"), ("San Francisco", "CA"), ("Seattle", "WA"), ("Austin", "TX"), ("Boston", "MA"),
    ("Chicago", "IL"), ("Denver", "CO"), ("Los Angeles", "CA"), ("Irvine", "CA"), ("Atlanta", "GA"),
    ("Portland", "OR"), ("Raleigh", "NC"), ("Miami", "FL"), ("Phoenix", "AZ"), ("Minneapolis", "MN"),
    ("Pittsburgh", "PA"), ("Salt Lake City", "UT"), ("Nashville", "TN"), ("San Diego", "CA"),
    ("Dallas", "TX"),
)  # fmt: skip
TEAMS = (
    "Platform", "Payments", "Growth", "Infrastructure", "Data", "Mobile", "Security", "Search",
    "Core Services", "Developer Experience", "Analytics", "Identity",
)  # fmt: skip
TYPES = ("FULL_TIME",) * 8 + ("CONTRACTOR", "PART_TIME", "TEMPORARY", "INTERN")
VERBS = ("design", "build", "ship", "operate", "scale", "maintain", "test", "improve", "own", "monitor")
NOUNS = (
    "services", "APIs", "pipelines", "dashboards", "data models", "deployments", "features",
    "integrations", "workflows", "platform components", "client libraries", "internal tools",
)  # fmt: skip
FILLER = (
    "You will work closely with product and design.", "We value clear writing and code review.",
    "Our team ships small changes often and measures their effect.",
    "On-call is shared and well supported.", "We care about accessibility and performance.",
    "You will mentor other engineers and help set technical direction.",
    "We offer health insurance, a learning budget and flexible hours.",
    "Experience with automated testing and continuous delivery is expected.",
    "Security and privacy are part of every design review.",
    "You will help us migrate legacy systems to the cloud.",
)  # fmt: skip


def _description(rng: random.Random, stack: list[str]) -> str:
    words = 0
    paragraphs: list[str] = []
    target = rng.randint(150, 300)
    while words < target:
        sentence = (
            f"You will {rng.choice(VERBS)} {rng.choice(NOUNS)} using {rng.choice(stack)} and "
            f"{rng.choice(STACKS)}. {rng.choice(FILLER)}"
        )
        paragraphs.append(sentence)
        words += len(sentence.split())
    items = "".join(f"<li>{tech}</li>" for tech in stack)
    return "<p>" + "</p><p>".join(paragraphs) + f"</p><h3>Requirements</h3><ul>{items}</ul>"


def posting(rng: random.Random, number: int, today: date) -> dict[str, Any]:
    """Return one realistic JobPosting."""
    level = rng.choice(LEVELS)
    role = rng.choice(ROLES)
    title = f"{level} {role}".strip()
    company = f"{rng.choice(COMPANY_A)} {rng.choice(COMPANY_B)}"
    city, region = rng.choice(CITIES)
    stack = rng.sample(STACKS, rng.randint(3, 6))
    base = rng.randrange(60_000, 200_000, 1000) * (1.3 if level in ("Staff", "Principal") else 1)
    kind = rng.choice(TYPES)
    remote = rng.random() < 0.2
    salary: dict[str, Any] | None
    if kind == "CONTRACTOR" and rng.random() < 0.5:
        hourly = rng.randrange(40, 150)
        salary = {"minValue": hourly, "maxValue": hourly + rng.randrange(5, 40), "unitText": "HOUR"}
    elif rng.random() < 0.8:
        salary = {"minValue": int(base), "maxValue": int(base * rng.uniform(1.1, 1.4)), "unitText": "YEAR"}
    else:
        salary = None
    post: dict[str, Any] = {
        "@type": "JobPosting",
        "title": title,
        "identifier": {"@type": "PropertyValue", "name": company, "value": f"REQ-{number:07d}"},
        "hiringOrganization": {
            "@type": "Organization",
            "name": company,
            "department": {"@type": "Organization", "name": rng.choice(TEAMS)},
        },
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": city,
                "addressRegion": region,
                "addressCountry": "US",
            },
        },
        "employmentType": kind,
        "datePosted": (today - timedelta(days=rng.randint(0, 120))).isoformat(),
        "description": _description(rng, stack),
        "url": f"https://jobs.example.com/{company.lower().replace(' ', '-')}/{number}",
    }
    if remote:
        post["jobLocationType"] = "TELECOMMUTE"
    if salary is not None:
        value = {"@type": "QuantitativeValue", **salary}
        post["baseSalary"] = {"@type": "MonetaryAmount", "currency": "USD", "value": value}
    if rng.random() < 0.5:
        post["validThrough"] = (today + timedelta(days=rng.randint(-10, 90))).isoformat()
    return post


def postings(count: int, seed: int = 7, today: date | None = None) -> Iterator[dict[str, Any]]:
    """Yield ``count`` postings one by one, the same for the same seed."""
    rng = random.Random(seed)
    today = today or date(2026, 11, 1)
    for number in range(count):
        yield posting(rng, number, today)


def generate(count: int, seed: int = 7, today: date | None = None) -> dict[str, Any]:
    """Return a JSON-LD document with ``count`` postings, the same for the same seed."""
    return {"@context": "https://schema.org", "@graph": list(postings(count, seed, today))}


def write(count: int, path: Path, seed: int = 7, shape: str = "graph") -> Path:
    """Write ``count`` postings to ``path``, streamed (never the whole file in memory); return it.

    ``shape``: "graph" (a JSON-LD ``@graph``), "itemlist" (an ItemList of ListItems), "array" (a
    bare JSON array) or "ndjson" (one posting a line).
    """
    items = postings(count, seed)
    opening, closing, separator = {
        "graph": ('{"@context": "https://schema.org", "@graph": [', "]}", ", "),
        "itemlist": (
            '{"@context": "https://schema.org", "@type": "ItemList", "itemListElement": [',
            "]}",
            ", ",
        ),
        "array": ("[", "]", ", "),
        "ndjson": ("", "\n", "\n"),
    }[shape]
    with path.open("w", encoding="utf-8") as out:
        out.write(opening)
        for number, item in enumerate(items):
            if shape == "itemlist":
                item = {"@type": "ListItem", "position": number + 1, "item": item}
            out.write((separator if number else "") + json.dumps(item))
        out.write(closing)
    return path


def main() -> int:
    """Command-line entry: write N postings to OUT."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--shape", choices=("graph", "itemlist", "array", "ndjson"), default="graph")
    args = parser.parse_args()
    write(args.count, args.out, args.seed, args.shape)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
