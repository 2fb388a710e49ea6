"""Pay as posted: amounts in words and local units, currencies, periods; never a wrong number."""

from __future__ import annotations

import functools
import re

from desktop_app.core.types import SALARY_UNITS, Salary

HOURS_PER_YEAR = 2080
PER_YEAR = {"HOUR": HOURS_PER_YEAR, "DAY": 260, "WEEK": 52, "MONTH": 12, "YEAR": 1}

# Words and suffixes that multiply the number before them ("8 triệu", "1,2 Mio.", "$120k").
_MULTIPLIERS = {
    "k": 1e3, "thousand": 1e3, "tsd": 1e3, "nghìn": 1e3, "ngàn": 1e3, "千": 1e3,
    "m": 1e6, "mn": 1e6, "mm": 1e6, "million": 1e6, "millions": 1e6, "mio": 1e6, "millionen": 1e6,
    "triệu": 1e6, "trieu": 1e6, "tr": 1e6, "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5,
    "lpa": 1e5, "crore": 1e7, "cr": 1e7, "万": 1e4, "man": 1e4, "bn": 1e9, "billion": 1e9, "tỷ": 1e9,
}  # fmt: skip
# "30 mil" is thirty thousand in Spanish and thirty million in English slang: unreadable.
_AMBIGUOUS = {"mil", "mils"}
_CURRENCY_SIGNS = (
    ("US$", "USD"), ("CA$", "CAD"), ("C$", "CAD"), ("AU$", "AUD"), ("A$", "AUD"), ("NZ$", "NZD"),
    ("HK$", "HKD"), ("S$", "SGD"), ("R$", "BRL"), ("$", "USD"), ("€", "EUR"), ("£", "GBP"),
    ("₹", "INR"), ("₩", "KRW"), ("₫", "VND"), ("₱", "PHP"), ("₺", "TRY"), ("円", "JPY"),
    ("¥", "JPY"), ("zł", "PLN"),
)  # fmt: skip
_CODES = (
    "USD|EUR|GBP|CAD|AUD|NZD|INR|JPY|CNY|CHF|SEK|NOK|DKK|PLN|KRW|VND|SGD|HKD|BRL|MXN|ZAR|PHP|TRY|"
    "CZK|HUF|RON|ILS|AED|IDR|THB|MYR|TWD|ARS|CLP|COP"
)
_CODE_RE = re.compile(rf"(?<![A-Za-z])({_CODES})(?![A-Za-z])", re.I)
# Currencies the words imply: "triệu", "đồng" are Vietnamese dong; lakh and crore, rupees.
_WORD_CURRENCY = re.compile(r"(?i)(triệu|đồng|vnđ|\bđ\b|\btr\b)|(lakh|lakhs|\blac\b|crore|\blpa\b)")

_UNITS: tuple[tuple[str, str], ...] = (
    ("HOUR", r"per\s+hour|/\s*(?:hr|hour|h)\b|\ban\s+hour|hourly|\bp/?h\b|pro\s+stunde|/\s*std|"
             r"de\s+l'heure|par\s+heure|por\s+hora|/\s*giờ|時給"),
    ("DAY", r"per\s+day|/\s*day\b|\ba\s+day\b|daily|day\s+rate|par\s+jour|pro\s+tag|/\s*ngày"),
    ("WEEK", r"per\s+week|/\s*(?:wk|week)\b|\ba\s+week\b|weekly"),
    ("MONTH", r"per\s+month|/\s*(?:mo|mth|month)\b|\ba\s+month\b|monthly|pro\s+monat|im\s+monat|"
              r"monatlich|/\s*monat|por\s+m[eê]s|/\s*m[eê]s|par\s+mois|mensuel|al\s+mes|mensual|/\s*tháng|(?:mỗi|một|hàng)\s+tháng|月給|/\s*月"),
    ("YEAR", r"per\s+(?:annum|year)|\bp\.?\s?a\b\.?|/\s*(?:yr|year|annum)\b|\ba\s+year\b|annual|yearly|"
             r"\blpa\b|pro\s+jahr|im\s+jahr|jährlich|jahres|par\s+an\b|annuel|al\s+año|anual|"
             r"/\s*năm|(?:mỗi|một|hàng)\s+năm|年収|年俸|/\s*年"),
)  # fmt: skip
_UNIT_RES = tuple((unit, re.compile(pattern, re.I)) for unit, pattern in _UNITS)
_UNIT_WORDS = {
    "hour": "HOUR", "hr": "HOUR", "hourly": "HOUR", "h": "HOUR",
    "day": "DAY", "daily": "DAY", "week": "WEEK", "weekly": "WEEK", "wk": "WEEK",
    "month": "MONTH", "monthly": "MONTH", "mo": "MONTH",
    "year": "YEAR", "yearly": "YEAR", "annual": "YEAR", "annually": "YEAR", "yr": "YEAR",
    "annum": "YEAR", "pa": "YEAR",
}  # fmt: skip

# A number as people write it: 120,000 · 45.000 · 1 200 000 · 1,2 · 45.5 · 12,00,000.
_NUMBER = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d[\d.,]*\d|\d"
_WORD = r"[千万]|[^\W\d_]+\.?"  # 万 first: "600万円" is 600 × 10,000 yen
_AMOUNT_RE = re.compile(rf"({_NUMBER})\s*({_WORD})?", re.U)
_DASH = r"\s*(?:-|–|—|~|〜|～|to|bis|à|a|đến|and|und|y)\s*"
# Between two ends of a range: a dash or word, with a unit or currency repeated around it
# ("$45/hr - $55/hr", "30万円〜40万円").
_RANGE_GAP = re.compile(
    rf"^\s*(?:/\s*[a-z]+|円|元)?(?:{_DASH})\s*(?:[A-Z]{{0,3}}[$€£₹₩₫¥]|{_CODES}|Rs\.?)?\s*$", re.I
)
_RUPEES = re.compile(r"\bRs\.?\s*\d")
_MAX_ONLY = re.compile(
    r"(?i)(?:\bup\s*to|\bmax(?:imum)?\.?|\bunder|\bbelow|\bless\s+than|\btối\s+đa|\bđến|\bbis\s+zu|"
    r"jusqu'à|\bhasta)\s*\W{0,3}$"
)
_SPACES = re.compile(r"[ \u00a0\u202f]")
_SEPS = re.compile(r"[.,]")
_NOISE = re.compile(r"(?i)\b401\s*\(?k\)?|\d+(?:[.,]\d+)?\s*%")


def normalise_unit(text: object) -> str | None:
    """Return the schema.org unit for "per hour", "HOUR", "annually"…; None when unknown."""
    if not isinstance(text, str):
        return None
    word = text.strip().strip("/").lower().replace("per ", "").replace("a ", "", 1).strip()
    if word.upper() in SALARY_UNITS:
        return word.upper()
    return _UNIT_WORDS.get(word)


def annualise(value: float | None, unit: str | None) -> float | None:
    """Return a yearly equivalent of a pay amount; None when the unit is unknown.

    >>> annualise(40, "HOUR"), annualise(120000, None)
    (83200.0, None)
    """
    if value is None or unit not in PER_YEAR:
        return None
    return float(value) * PER_YEAR[unit]


def make_salary(
    low: float | None, high: float | None, currency: str | None, unit: str | None
) -> Salary | None:
    """Return a Salary with its annualised range, or None when no amount is known."""
    if low is None and high is None:
        return None
    if low is not None and high is not None and low > high:
        low, high = high, low
    cur = currency.strip().upper() if isinstance(currency, str) and currency.strip() else None
    return Salary(low, high, cur, unit, annualise(low, unit), annualise(high, unit))


def read_number(text: str) -> float | None:
    """Return the value of a number written with thousands or decimal separators.

    >>> read_number("120,000"), read_number("45.000"), read_number("1,2"), read_number("12,00,000")
    (120000.0, 45000.0, 1.2, 1200000.0)
    """
    text = _SPACES.sub("", text)
    seps = [c for c in text if c in ".,"]
    if not seps:
        return float(text)
    groups = _SEPS.split(text)
    if len(set(seps)) == 2:
        decimal = text[max(text.rfind("."), text.rfind(","))]
        whole, _, frac = text.rpartition(decimal)
        if len(frac) == 3 or any(c == decimal for c in whole):
            return None
        return float(_SEPS.sub("", whole) + "." + frac)
    tail = groups[1:]
    if all(len(g) == 3 for g in tail) or (
        len(tail) >= 2 and len(tail[-1]) == 3 and all(len(g) == 2 for g in tail[:-1])  # Indian grouping
    ):
        return float("".join(groups))
    if len(seps) == 1 and 1 <= len(tail[0]) <= 2:
        return float(groups[0] + "." + tail[0])
    return None


def _currency(text: str) -> str | None:
    code = _CODE_RE.search(text)
    if code:
        return code.group(1).upper()
    for sign, found in _CURRENCY_SIGNS:
        if sign in text:
            return found
    if _RUPEES.search(text):
        return "INR"
    implied = _WORD_CURRENCY.search(text)
    if implied:
        return "VND" if implied.group(1) else "INR"
    return None


def _unit(text: str) -> str | None:
    return next((unit for unit, pattern in _UNIT_RES if pattern.search(text)), None)


def parse_salary_text(text: object, currency: str | None = None, unit: str | None = None) -> Salary | None:
    """Read pay written as text; return None when it holds no amount that can be read surely.

    >>> parse_salary_text("$75,000-$95,000/YEAR").annual_max
    95000.0
    >>> s = parse_salary_text("Trên 8 triệu/tháng")
    >>> (s.min, s.max, s.currency, s.unit)
    (8000000.0, None, 'VND', 'MONTH')
    """
    if not isinstance(text, str) or len(text) > 400:
        return None
    return _parse_salary_text(text, currency, unit)


# The same pay line recurs across a feed's postings: each is read once.
@functools.lru_cache(maxsize=8192)
def _parse_salary_text(text: str, currency: str | None, unit: str | None) -> Salary | None:
    cleaned = _NOISE.sub(" ", text)
    amounts: list[tuple[float, float | None, int, int]] = []  # value, multiplier, start, end
    for match in _AMOUNT_RE.finditer(cleaned):
        value = read_number(match.group(1))
        if value is None:
            return None
        word = (match.group(2) or "").rstrip(".").casefold()
        if word in _AMBIGUOUS:
            return None
        mult = _MULTIPLIERS.get(word)
        amounts.append((value, mult, match.start(), match.end(2) if mult else match.end(1)))
    if not amounts:
        return None
    first_value, first_mult, first_start, first_end = amounts[0]
    low: float | None = first_value * (first_mult or 1)
    high: float | None = None
    if len(amounts) > 1 and _RANGE_GAP.match(cleaned[first_end : amounts[1][2]]):
        second_value, second_mult, _, _ = amounts[1]
        if first_mult is None and second_mult is not None and first_value <= second_value:
            first_mult = second_mult  # "€60–70K", "8 - 12 triệu": one multiplier for both ends
            low = first_value * first_mult
        high = second_value * (second_mult or 1)
    # A single amount is a minimum ("from", "over", "$120k+", or bare); "up to" makes it a maximum.
    if high is None and _MAX_ONLY.search(cleaned[:first_start]):
        low, high = None, low
    currency = currency or _currency(text)
    unit = unit or _unit(cleaned)
    biggest = max(v for v in (low, high) if v is not None)
    if not (currency or unit or first_mult) and (biggest < 1000 or 1990 <= biggest <= 2100):
        return None  # a bare small number or a year: not surely pay
    return make_salary(low, high, currency, unit)
