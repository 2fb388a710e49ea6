"""A parsed query made into bitsets: what it matches, its ranking tiers, typo corrections, filters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from whoosh import query as wq

from desktop_app.search.analyzers import PREFIX_MAX, fold, pairs_of, stem, text_analyzer, word_analyzer
from desktop_app.search.bitops import ones
from desktop_app.search.bitsets import SPELLING_FIELD, IndexView
from desktop_app.search.query import Clause, DateWindow, Filter, NumberRange, ParsedQuery
from desktop_app.search.scoring import Scorer

WORD_FIELDS = ("title", "aliases", "body", "company", "location", "team", "employment")
MIN_BODY_PREFIX = 3
PREFIX_EXPANSIONS = 12  # a typed fragment matches at most this many of the text's words (the commonest)
WEIGHED_EXPANSIONS = 4  # and ranks by the weight of the commonest few (their counts are read too)
FIELD_WEIGHTS = (
    ("title", 3.0), ("aliases", 2.0), ("company", 1.5), ("team", 1.0), ("employment", 1.0), ("body", 1.0),
)  # fmt: skip
HideRules = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Part:
    """What one clause matches: anywhere, in a name (title or alias), in a name or a job's fields."""

    any: int
    name: int
    field: int

    def either(self, other: Part) -> Part:
        return Part(self.any | other.any, self.name | other.name, self.field | other.field)

    def both(self, other: Part) -> Part:
        return Part(self.any & other.any, self.name & other.name, self.field & other.field)


@dataclass(frozen=True, slots=True)
class Plan:
    """A query made into bitsets: every match, the ranking tiers, and the words that weigh in the text.

    Tiers, best first: the whole query is a name (title or alias); every word is in a name;
    every word is in a name or a job's fields; most words are in a name (a close title match).
    ``close`` says from which tier on documents are ranked by the weight of their text.
    """

    matches: int
    tiers: tuple[int, ...]
    scorers: tuple[Scorer, ...]
    suggestion: str | None
    words: tuple[str, ...]
    typed: str = ""
    close: int = 3
    notes: tuple[str, ...] = ()  # what the index told of the query ("skill:foo" names no term)


class Planner:
    """Turns parsed queries into plans on an index view; remembers typo corrections until reset."""

    def __init__(self) -> None:
        self._text = text_analyzer()
        self._words = word_analyzer()
        self._corrections: dict[str, str | None] = {}

    def reset(self) -> None:
        """Forget the corrections (the index changed)."""
        self._corrections.clear()

    def matches(
        self, view: IndexView, parsed: ParsedQuery, today: date, hidden: HideRules
    ) -> tuple[Plan | None, int]:
        """Return the query's plan (None when it asks nothing) and what it matches, hidden jobs left out."""
        plan = self.plan(parsed, view, today)
        matched = plan.matches if plan is not None else view.everything
        if hidden:
            matched &= ~self.hidden(view, hidden)
        return plan, matched

    def plan(self, parsed: ParsedQuery, view: IndexView, today: date) -> Plan | None:
        """Return the query as bitsets, parts joined in the order typed (OR binds the part before)."""
        required: list[Part] = []
        excluded = 0
        corrections: dict[str, str] = {}
        words: list[str] = []
        scorers: list[Scorer] = []
        notes: list[str] = []
        clauses = [p for p in parsed.parts if isinstance(p, Clause)]
        for item in parsed.parts:
            if isinstance(item, Clause):
                is_prefix = parsed.prefix and item is clauses[-1]
                part = self._clause(item, view, is_prefix, corrections, scorers)
                if part is not None and not item.negated:
                    words.extend(t.text for t in self._words(item.text))
            elif item.field == "skill" and isinstance(item.value, str):
                bits = skill_bits(view, item.value)
                if bits is None:
                    notes.append(f"skill:{item.value} is not a glossary term or alias: no job matches it")
                part = Part(bits or 0, bits or 0, bits or 0)
            else:
                bits = self._filter(item, view)
                part = None if bits is None else Part(bits, bits, bits)
            if part is None:
                continue
            if item.negated:
                excluded |= part.any
            elif item.or_previous and required:
                required[-1] = required[-1].either(part)
            else:
                required.append(part)
        if not required and not excluded:
            return None if not notes else Plan(view.everything, (), (), None, (), notes=tuple(notes))
        matches = names = fields = view.everything
        for part in required:
            matches &= part.any
            names &= part.name
            fields &= part.field
        matches &= ~excluded
        wanted = [c for c in clauses if not c.negated]
        free_text = " ".join(c.text for c in wanted)  # a quoted name is still a name
        exact = _exact(view, free_text) | _exact(view, parsed.words_typed)
        for correction in corrections.values():
            words.extend(t.text for t in self._words(correction))
        suggestion = None
        if corrections:
            suggestion = " ".join(corrections.get(c.text, c.text) for c in wanted)
            # What was meant ranks as if it had been typed.
            free_text = " ".join(corrections.get(c.text, c.text) for c in wanted)
            exact |= _exact(view, free_text) & matches
        if not wanted:
            return Plan(
                matches, (), tuple(scorers), suggestion, tuple(dict.fromkeys(words)), fold(free_text),
                notes=tuple(notes),
            )  # fmt: skip
        close = (
            _at_least(view, [p.name for p in required], (len(required) + 1) // 2) if len(required) > 1 else 0
        )
        return Plan(
            matches, (exact, names, fields, close), tuple(scorers), suggestion, tuple(dict.fromkeys(words)),
            fold(free_text), notes=tuple(notes),
        )  # fmt: skip

    def _clause(
        self,
        clause: Clause,
        view: IndexView,
        is_prefix: bool,
        corrections: dict[str, str],
        scorers: list[Scorer],
    ) -> Part | None:
        tokens = [t.text for t in self._text(clause.text)]
        if not tokens:
            return None
        if not clause.negated:
            scorers.extend(_weighing(tokens))
        if clause.phrase:
            return _phrase_part(view, tokens)
        part = _words_part(view, tokens)
        folded = [t.text for t in self._words(clause.text)]
        if is_prefix and folded:
            part = part.either(self._prefix_part(view, folded, scorers))
        if clause.negated:
            return part
        if self._known(view, tokens, folded, is_prefix):
            correction = self._respelt(view, folded)
        else:
            correction = self._correct(view, folded)
        if correction is None:
            return part
        corrections[clause.text] = correction
        fixed = [t.text for t in self._text(correction)]
        scorers.extend(_weighing(fixed))
        return part.either(_words_part(view, fixed)) if fixed else part

    def _prefix_part(self, view: IndexView, folded: list[str], scorers: list[Scorer]) -> Part:
        """Return what the clause matches with its last word as the start of a word (being typed)."""
        tail = folded[-1]
        named = view.term("prefix", tail) if len(tail) <= PREFIX_MAX else 0
        body = 0
        if len(tail) >= MIN_BODY_PREFIX:
            expansions = view.expand("body", tail, PREFIX_EXPANSIONS)
            commonest = max((view.frequency("body", w) for w in expansions), default=1)
            for number, word in enumerate(expansions):
                weighed = number < WEIGHED_EXPANSIONS
                body |= view.term("body", word, counts=weighed)
                if weighed:  # the commonest completion of a fragment is the likeliest meant
                    scorers.append(("body", word, view.frequency("body", word) / commonest))
        typed = Part(named | body, named, named)
        # "docker-comp": the words before the one being typed are still required.
        head = [t.text for t in self._text(" ".join(folded[:-1]))]
        return typed.both(_words_part(view, head)) if head else typed

    def hidden(self, view: IndexView, hidden: HideRules) -> int:
        """Return what the hide rules remove: one job, a company's jobs, jobs whose title has the words."""
        out = 0
        for kind, value in hidden:
            if kind == "job":
                out |= view.term("id", value)
                continue
            tokens = [t.text for t in self._text(value)]
            field = "company" if kind == "company" else "title"
            if tokens:
                out |= _field_words(view, field, tokens) & view.term("kind", "job")
        return out

    @staticmethod
    def _known(view: IndexView, tokens: list[str], folded: list[str], is_prefix: bool) -> bool:
        if all(any(view.frequency(f, tok) for f in WORD_FIELDS) for tok in tokens):
            return True
        return bool(is_prefix and folded and view.frequency("prefix", folded[-1][:PREFIX_MAX]))

    def _correct(self, view: IndexView, folded: list[str]) -> str | None:
        key = " ".join(folded)
        if key not in self._corrections:
            self._corrections[key] = _correct(view, folded)
        return self._corrections[key]

    def _respelt(self, view: IndexView, folded: list[str]) -> str | None:
        """Return the words with each misspelling that stems like a known word fixed, or None.

        "kubernets" stems as "kubernetes" does, so it finds what Kubernetes finds; it is still
        a misspelling, and the name it meant should lead and be offered.
        """
        key = "respelt " + " ".join(folded)
        if key not in self._corrections:
            fixed: list[str] = []
            for word in folded:
                best = None
                if len(word) >= 5 and not view.frequency(SPELLING_FIELD, word):
                    best = view.suggest(SPELLING_FIELD, word, 1)
                    related = best is not None and (best.startswith(word) or word.startswith(best))
                    if best is None or related or stem(best) != stem(word):
                        best = None
                fixed.append(best or word)
            self._corrections[key] = " ".join(fixed) if fixed != folded else None
        return self._corrections[key]

    def _filter(self, item: Filter, view: IndexView) -> int | None:
        value = item.value
        if item.field == "kind" and isinstance(value, str):
            return view.term("kind", value)
        if item.field == "remote" and isinstance(value, bool):
            return view.term("remote", value)
        if item.field == "remote" and isinstance(value, str):
            return view.term("workplace", value)  # remote:hybrid, remote:onsite
        if item.field == "type" and isinstance(value, str):
            return view.term("type", value.lower())
        if item.field == "salary" and isinstance(value, NumberRange):
            return _salary_bits(view, value)
        if item.field == "posted" and isinstance(value, DateWindow):
            start = datetime.combine(value.start, time()) if value.start else None
            end = datetime.combine(value.end, time.max) if value.end else None
            return view.date_range("posted", start, end)
        if isinstance(value, str):
            tokens = [t.text for t in self._text(value)]
            if not tokens:
                return None
            return _field_words(view, item.field, tokens)
        return None


def skill_bits(view: IndexView, value: str) -> int | None:
    """Return the jobs that ask for a skill named by slug, title or alias; None when no term is named.

    ``skill:kubernetes``, ``skill:k8s`` and ``skill:"node.js"`` alike: a slug first, then every
    glossary term whose title or alias is the value (an alias two terms share asks for either).
    """
    slug = value.strip().lower()
    terms = view.term("kind", "term")
    named = view.term("id", slug) & terms
    if not named:
        named = _exact(view, value) & terms
    if not named:
        return None
    ids = view.ids()
    return view.any_of("skill", (ids[doc] for doc in ones(named)))


def _exact(view: IndexView, text: str) -> int:
    return view.term("exact", fold(text)) if text.strip() else 0


def _at_least(view: IndexView, sets: list[int], count: int) -> int:
    """Return the documents in at least ``count`` of ``sets``.

    >>> from types import SimpleNamespace
    >>> bin(_at_least(SimpleNamespace(everything=0b1111), [0b0011, 0b0110, 0b0100], 2))
    '0b110'
    """
    reached = [view.everything] + [0] * count  # reached[k]: in k of the sets seen so far, at least
    for bits in sets:
        for k in range(count, 0, -1):
            reached[k] |= reached[k - 1] & bits
    return reached[count]


def _words_part(view: IndexView, tokens: list[str]) -> Part:
    matches = names = fields = view.everything
    for token in tokens:
        name = view.term("title", token) | view.term("aliases", token)
        field = name
        for other in ("company", "location", "team", "employment"):
            field |= view.term(other, token)
        matches &= field | view.term("body", token)
        names &= name
        fields &= field
    return Part(matches, names, fields)


def _phrase_part(view: IndexView, tokens: list[str]) -> Part:
    """Return what a quoted phrase matches: documents holding each of its pairs of neighbouring words.

    A two-word phrase is exact; a longer one may also match its pairs apart ("a b … b c").
    """
    if len(tokens) == 1:
        name = view.term("title", tokens[0]) | view.term("aliases", tokens[0])
        return Part(name | view.term("body", tokens[0]), name, name)
    name = body = view.everything
    for pair in pairs_of(tokens):
        name &= view.term("name_pairs", pair)
        body &= view.term("pairs", pair)
    return Part(name | body, name, name)


def _field_words(view: IndexView, field: str, tokens: list[str]) -> int:
    return view.term(field, tokens[0]) if len(tokens) == 1 else view.query(wq.Phrase(field, tokens))


def _weighing(tokens: list[str]) -> list[Scorer]:
    """Return how each word weighs in the text tier: in a title most, then a name or field, then the text."""
    return [(field, token, boost) for token in tokens for field, boost in FIELD_WEIGHTS]


def _correct(view: IndexView, folded: list[str]) -> str | None:
    """Return the words with each unknown one replaced by the nearest known one, or None if none was."""
    fixed: list[str] = []
    changed = False
    for word in folded:
        if view.frequency(SPELLING_FIELD, word) or len(word) < 4:
            fixed.append(word)
            continue
        best = None
        for distance in (1, 2) if len(word) > 5 else (1,):
            best = view.suggest(SPELLING_FIELD, word, distance)
            if best is not None:
                break
        changed |= best is not None
        fixed.append(best or word)
    return " ".join(fixed) if changed else None


def _salary_bits(view: IndexView, value: NumberRange) -> int:
    """Jobs whose yearly pay satisfies the range.

    ``>N`` asks that the whole posted range lie above N (its minimum exceeds N); ``<N`` that
    it lie below; ``N-M`` that it overlap N..M; a bare ``N`` that the range include N.
    """
    if value.low is not None and value.high is None:
        low = round(value.low) + (1 if value.low_exclusive else 0)
        return view.number_range("salary_min", low, None)
    if value.high is not None and value.low is None:
        high = round(value.high) - (1 if value.high_exclusive else 0)
        return view.number_range("salary_max", None, high)
    return view.number_range("salary_max", round(value.low or 0), None) & view.number_range(
        "salary_min", None, round(value.high or 0)
    )
