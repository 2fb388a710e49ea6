"""The query language, read leniently: words, "phrases", -exclusions, OR, and field words."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

FIELDS = (
    "title", "company", "location", "type", "team", "remote", "salary", "posted", "category", "kind", "skill",
)  # fmt: skip
# The words a person reads or types for each employment type; each finds that type as a word
# (indexed with the job) and after ``type:``.
TYPE_WORDS: dict[str, tuple[str, ...]] = {
    "FULL_TIME": ("full time", "fulltime", "permanent"),
    "PART_TIME": ("part time", "parttime"),
    "CONTRACTOR": ("contract", "contractor", "freelance"),
    "TEMPORARY": ("temporary", "temp"),
    "INTERN": ("intern", "internship"),
    "VOLUNTEER": ("volunteer",),
    "PER_DIEM": ("per diem",),
}
_TYPE_NAMES = {
    **{name.lower().replace("_", " "): name for name in TYPE_WORDS},
    **{word: name for name, words in TYPE_WORDS.items() for word in words},
    **{"full": "FULL_TIME", "part": "PART_TIME", "internships": "INTERN", "interns": "INTERN"},
}
# Words that ask rather than say what is sought ("what is kubernetes", "jobs for python"): they
# do not narrow a query that has other words.
FILLER = frozenset((
    "what", "whats", "who", "how", "why", "which", "where", "is", "are", "was", "do", "does",
    "to", "for", "a", "an", "the", "of", "in", "on", "at", "i", "me", "my", "find", "show",
    "looking", "want", "job", "jobs", "role", "roles", "position", "positions",
    "opening", "openings", "vacancy", "vacancies", "career", "careers", "hiring", "define",
    "definition", "meaning", "explain", "about", "near", "any", "some", "with",
))  # fmt: skip
_TOKEN_RE = re.compile(r'(-?)(?:(\w+):)?("([^"]*)"?|\S+)')
_AMOUNT_RE = re.compile(r"^\$?(\d[\d,]*(?:\.\d+)?)([kKmM]?)$")
_AGE_RE = re.compile(r"^(\d+)\s*([dwmy])$", re.I)
_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}


@dataclass(frozen=True, slots=True)
class Clause:
    """A free-text part of a query: a word or a phrase, maybe excluded or OR-ed with the part before."""

    text: str
    phrase: bool = False
    negated: bool = False
    or_previous: bool = False


@dataclass(frozen=True, slots=True)
class NumberRange:
    """An inclusive range with open ends: ``salary:>80000`` is ``NumberRange(80000, None, True)``."""

    low: float | None
    high: float | None
    low_exclusive: bool = False
    high_exclusive: bool = False


@dataclass(frozen=True, slots=True)
class DateWindow:
    """A range of posting dates, either end open."""

    start: date | None
    end: date | None


FilterValue = str | bool | NumberRange | DateWindow


@dataclass(frozen=True, slots=True)
class Filter:
    """A field word: ``type:full_time``, ``salary:>80000``, ``company:"tustin recruiting"``."""

    field: str
    value: FilterValue
    negated: bool = False
    or_previous: bool = False  # ``company:airbnb OR company:instacart``


@dataclass(frozen=True)
class ParsedQuery:
    """A query taken apart; ``notes`` say what was ignored and why."""

    text: str
    clauses: tuple[Clause, ...] = ()
    filters: tuple[Filter, ...] = ()
    prefix: bool = False
    notes: tuple[str, ...] = field(default=())
    parts: tuple[Clause | Filter, ...] = ()  # clauses and filters in the order they were typed
    words_typed: str = ""  # the free words as typed, filler included ("what is kubernetes")

    @property
    def is_empty(self) -> bool:
        return not self.clauses and not self.filters


def parse_amount(text: str) -> float | None:
    """Read ``80000``, ``80,000``, ``$80k`` or ``1.2m`` as a number; None when it is not one."""
    match = _AMOUNT_RE.match(text.strip())
    if not match:
        return None
    value = float(match.group(1).replace(",", ""))
    suffix = match.group(2).lower()
    return value * (1000 if suffix == "k" else 1_000_000 if suffix == "m" else 1)


def parse_salary(text: str) -> NumberRange | None:
    """Read ``>80000``, ``>=80k``, ``<120000``, ``80k-120k`` or ``90000``; None if unreadable."""
    text = text.strip()
    for op in (">=", "<=", ">", "<"):
        if text.startswith(op):
            value = parse_amount(text[len(op) :])
            if value is None:
                return None
            if op.startswith(">"):
                return NumberRange(value, None, low_exclusive=op == ">")
            return NumberRange(None, value, high_exclusive=op == "<")
    if "-" in text:
        low_text, _, high_text = text.partition("-")
        low, high = parse_amount(low_text), parse_amount(high_text)
        if low is None or high is None:
            return None
        return NumberRange(min(low, high), max(low, high))
    value = parse_amount(text)
    return None if value is None else NumberRange(value, value)


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _shift(day: date, days: int) -> date:
    """Return ``day`` moved by ``days``, held at the calendar's ends (``posted:<99999999d`` is valid)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def parse_posted(text: str, today: date) -> DateWindow | None:
    """Read ``<7d`` (within 7 days), ``>30d`` (older), ``>2025-01-01``, ``today``; None if unreadable."""
    text = text.strip().lower()
    if text == "today":
        return DateWindow(today, None)
    op = ""
    for candidate in (">=", "<=", ">", "<"):
        if text.startswith(candidate):
            op, text = candidate, text[len(candidate) :]
            break
    age = _AGE_RE.match(text)
    if age:
        cutoff = _shift(today, -int(age.group(1)) * _DAYS[age.group(2).lower()])
        # "<7d" reads "less than 7 days old"; ">30d" reads "more than 30 days old".
        return DateWindow(None, cutoff) if op.startswith(">") else DateWindow(cutoff, None)
    day = _day(text)
    if day is None:
        return None
    if op.startswith(">"):
        return DateWindow(_shift(day, 1) if op == ">" else day, None)
    if op.startswith("<"):
        return DateWindow(None, _shift(day, -1) if op == "<" else day)
    return DateWindow(day, day)


def _filter(name: str, value: str, negated: bool, today: date) -> Filter | str:
    """Return a Filter, or a note saying why the field word was ignored."""
    if name == "salary":
        salary = parse_salary(value)
        return Filter(name, salary, negated) if salary else f"salary:{value} is not an amount or range"
    if name == "posted":
        window = parse_posted(value, today)
        return Filter(name, window, negated) if window else f"posted:{value} is not an age or date"
    if name == "remote":
        yes = value.lower() in ("yes", "true", "1", "y", "only")
        no = value.lower() in ("no", "false", "0", "n")
        # remote:hybrid, remote:onsite: a workplace (a string value; yes/no stay booleans).
        place = {"hybrid": "hybrid", "onsite": "onsite", "on-site": "onsite"}.get(value.lower())
        if place:
            return Filter(name, place, negated)
        if not (yes or no):
            return f"remote:{value} should be yes, no, hybrid or onsite"
        return Filter(name, yes, negated)
    if name == "kind":
        kind = value.lower().rstrip("s")
        return (
            Filter(name, kind, negated) if kind in ("term", "job") else f"kind:{value} should be term or job"
        )
    if name == "type":
        words = " ".join(value.lower().replace("-", " ").replace("_", " ").split())
        value = _TYPE_NAMES.get(words, words.upper().replace(" ", "_"))
    return Filter(name, value, negated)


def parse(text: str, today: date | None = None) -> ParsedQuery:
    """Take a query apart. Never raises: what cannot be read is kept as words or noted.

    >>> q = parse('flask -django type:full_time salary:>80k "rest api"')
    >>> [c.text for c in q.clauses], [f.field for f in q.filters]
    (['flask', 'django', 'rest api'], ['type', 'salary'])
    """
    today = today or date.today()
    parts: list[Clause | Filter] = []
    notes: list[str] = []
    pending_or = pending_not = False
    for match in _TOKEN_RE.finditer(text):
        minus, name, raw, quoted = match.groups()
        negated = minus == "-" or pending_not
        pending_not = False
        value = quoted if quoted is not None else raw
        if name is not None:
            if name.lower() in FIELDS and value.strip():
                made = _filter(name.lower(), value.strip(), negated, today)
                if isinstance(made, Filter):
                    parts.append(replace(made, or_previous=pending_or and not negated))
                    pending_or = False
                else:
                    notes.append(f"ignored {made}")
                continue
            if name.lower() not in FIELDS:
                notes.append(f"'{name}:' is not a field; searched as words")
            value = f"{name} {value}" if value.strip() else name
        if not negated and quoted is None and value == "OR":
            pending_or = bool(parts)
            continue
        if minus == "" and quoted is None and value in ("AND", "NOT"):
            pending_not = value == "NOT"
            continue
        cleaned = value.strip()
        if not cleaned or (negated and not cleaned.strip("-")):
            continue
        is_phrase = quoted is not None and len(cleaned.split()) > 1
        parts.append(Clause(cleaned, is_phrase, negated, pending_or))
        pending_or = False
    typed = bool(parts) and isinstance(parts[-1], Clause) and not text[-1:].isspace()
    typed = typed and not text.rstrip().endswith('"')
    kept = _without_filler(parts)
    prefix = typed and kept[-1:] == parts[-1:]
    prefix = prefix and isinstance(parts[-1], Clause) and not parts[-1].phrase and not parts[-1].negated
    clauses = tuple(p for p in kept if isinstance(p, Clause))
    filters = tuple(p for p in kept if isinstance(p, Filter))
    typed_words = " ".join(p.text for p in parts if isinstance(p, Clause) and not p.negated and not p.phrase)
    return ParsedQuery(text, clauses, filters, prefix, tuple(notes), tuple(kept), typed_words)


def _is_filler(part: Clause | Filter) -> bool:
    return (
        isinstance(part, Clause)
        and not (part.phrase or part.negated or part.or_previous)
        and all(word in FILLER for word in re.findall(r"\w+", part.text.lower()))
    )


def _without_filler(parts: list[Clause | Filter]) -> list[Clause | Filter]:
    """Return the parts without the question words and filler, unless nothing else would be left.

    >>> [p.text for p in _without_filler([Clause("what"), Clause("is"), Clause("kubernetes")])]
    ['kubernetes']
    """
    kept = [
        part
        for number, part in enumerate(parts)
        if not _is_filler(part) or (number + 1 < len(parts) and parts[number + 1].or_previous)
    ]
    return kept if any(isinstance(p, Filter) or not p.negated for p in kept) else parts
