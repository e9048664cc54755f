"""Turn a stated value ("$1,500", "one to three", "a week", "85 percent") into a comparable key.

Two statements of a fact agree when their keys are equal: "$1,500" and
"1,500 dollars" are both ``$1500``; "a week" and "7 days" are both ``7d``.
A normaliser returns ``None`` for a value it cannot read ("a few days"), and
such a statement is not compared at all: vague is not the same as different.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from medlint.own_patterns import compiled

NUMBER_WORDS = {
    "zero": 0,
    "a": 1,
    "an": 1,
    "one": 1,
    "single": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
}
_NUMBER = r"(?:\d+(?:[.,]\d+)*|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
_RANGE_SPLIT = compiled(r"\s*[-\u2013\u2014]\s*|\s+(?:to|or|and|through)\s+", regex.IGNORECASE)
_MONEY = compiled(
    r"(?P<cur>[$\u00a3\u20ac]|usd|gbp|eur)?\s*(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<mult>k\b|thousand\b)?"
    r"\s*(?P<word>dollars?|usd|pounds?|gbp|euros?|eur)?",
    regex.IGNORECASE,
)
_FREE = compiled(r"free(?:\s+of\s+charge)?|complimentary|no\s+charge", regex.IGNORECASE)
_CURRENCY = {"$": "$", "usd": "$", "dollar": "$", "dollars": "$", "\u00a3": "\u00a3", "gbp": "\u00a3"}
_CURRENCY |= {"pound": "\u00a3", "pounds": "\u00a3", "\u20ac": "\u20ac", "eur": "\u20ac", "euro": "\u20ac"}
_CURRENCY |= {"euros": "\u20ac"}
_UNIT_DAYS = {
    "minute": 1 / 1440,
    "min": 1 / 1440,
    "hour": 1 / 24,
    "hr": 1 / 24,
    "day": 1.0,
    "night": 1.0,
    "week": 7.0,
}
# No time at all ("no downtime", "the same day", "immediately"), or a day ("the next day").
_NO_TIME = compiled(
    r"(?:no|zero)\s+(?:downtime|recovery\s+(?:time|period))|(?:the\s+)?same\s+day|immediately|(?:straight|right)\s+away"
    r"|(?P<next>(?:the\s+)?(?:next|following)\s+day)",
    regex.IGNORECASE,
)
# Months and years are compared in months (a year is twelve), and with days as a month's 28 to 31.
_UNIT_MONTHS = {"month": 1.0, "year": 12.0}
_DAYS_IN_MONTH = (28, 31)
_DURATION_KEY = compiled(r"(?P<low>\d+(?:\.\d+)?)(?:-(?P<high>\d+(?:\.\d+)?))?(?P<unit>d|mo)")
_DURATION = compiled(
    rf"(?P<amount>(?:half\s+an?|(?:a\s+)?{_NUMBER}(?:[\s-]+{_NUMBER})?)"
    rf"(?:(?:\s*[-\u2013\u2014]\s*|\s+(?:to|or)\s+){_NUMBER})?)\s*[-\s]?"
    r"(?P<unit>minute|min|hour|hr|day|night|week|month|year)s?(?![\w])",
    regex.IGNORECASE,
)
_PERCENT = compiled(
    r"(?P<low>\d+(?:\.\d+)?)\s*(?:%|percent|per\s+cent)?(?:\s*(?:[-\u2013]|to)\s*(?P<high>\d+(?:\.\d+)?))?"
    r"\s*(?:%|percent|per\s+cent)",
    regex.IGNORECASE,
)
_PUNCTUATION = compiled(r"[^\w\s%$.-]+")

Normaliser = Callable[[str], "str | None"]


def _fmt(value: float) -> str:
    return f"{round(value, 4):g}"


def _span(low: float, high: float | None) -> str:
    if high is None or high == low:
        return _fmt(low)
    return f"{_fmt(min(low, high))}-{_fmt(max(low, high))}"


def parse_number(text: str) -> float | None:
    """A number written in digits or words: "3", "three", "a single", "twenty five", "half a"."""
    words = text.lower().replace("-", " ").split()
    if not words:
        return None
    if words[0] == "half":
        return 0.5
    if words[0] == "a" and len(words) > 1:
        words = words[1:]
    total = 0.0
    for word in words:
        if word in NUMBER_WORDS:
            total += NUMBER_WORDS[word]
            continue
        try:
            total += float(word.replace(",", ""))
        except ValueError:
            return None
    return total


def number(text: str) -> str | None:
    """'one to three' -> '1-3'; '3' -> '3'; 'a few' -> None."""
    parts = [p for p in _RANGE_SPLIT.split(text.strip()) if p]
    if not parts or len(parts) > 2:
        return None
    values = [parse_number(p) for p in parts]
    if any(v is None for v in values):
        return None
    low = values[0]
    assert low is not None
    return _span(low, values[1] if len(values) == 2 else None)


def money(text: str) -> str | None:
    """'$1,500' -> '$1500'; 'between $6,500 and $8,500' -> '$6500-8500'; '2k dollars' -> '$2000'; 'free' -> '0'."""
    if _FREE.fullmatch(text.strip()):
        return "0"  # nothing, in any currency
    amounts: list[float] = []
    currency = ""
    for match in _MONEY.finditer(text):
        raw = match.group("num").replace(",", "")
        try:
            amount = float(raw)
        except ValueError:
            continue
        if match.group("mult"):
            amount *= 1000
        marker = (match.group("cur") or match.group("word") or "").lower()
        currency = currency or _CURRENCY.get(marker, "")
        amounts.append(amount)
    if not amounts or len(amounts) > 2:
        return None
    if amounts == [0.0]:
        return "0"
    return currency + _span(amounts[0], amounts[1] if len(amounts) == 2 else None)


def duration(text: str) -> str | None:
    """'2 days' -> '2d'; 'a week' -> '7d'; '2-3 weeks' -> '14-21d'; 'a year' -> '12mo'; 'no downtime' -> '0d';
    'the next day' -> '1d'; 'a few days' -> None.

    Months and years are kept in months: a month is no fixed number of days (see ``durations_agree``).
    """
    none_or_a_day = _NO_TIME.fullmatch(text.strip())
    if none_or_a_day is not None:
        return "1d" if none_or_a_day.group("next") else "0d"
    match = _DURATION.search(text)
    if match is None:
        return None
    unit = match.group("unit").lower()
    if unit in _UNIT_MONTHS:
        per_unit, suffix = _UNIT_MONTHS[unit], "mo"
    else:
        per_unit, suffix = _UNIT_DAYS[unit], "d"
    parts = [p for p in _RANGE_SPLIT.split(match.group("amount").strip()) if p]
    values = [parse_number(p) for p in parts]
    if not values or any(v is None for v in values):
        return None
    low = values[0]
    assert low is not None
    high = values[1] if len(values) == 2 else None
    return _span(low * per_unit, None if high is None else high * per_unit) + suffix


def durations_agree(first: str, second: str) -> bool:
    """Whether two normalised durations state the same time: '3mo' and '84d' ('12 weeks') do.

    A month is 28 to 31 days, so a number of months agrees with any number of days in that span
    ('a month' is '4 weeks' and '30 days'; 'a year' is '52 weeks' and '365 days'). Two durations in
    the same unit agree only when equal: '12 weeks' and '13 weeks' differ, though both are '3 months'.
    """
    a, b = _DURATION_KEY.fullmatch(first), _DURATION_KEY.fullmatch(second)
    if a is None or b is None or a.group("unit") == b.group("unit"):
        return first == second
    months, days = (a, b) if a.group("unit") == "mo" else (b, a)
    return all(
        _DAYS_IN_MONTH[0] * m <= d <= _DAYS_IN_MONTH[1] * m for m, d in zip(_ends(months), _ends(days), strict=True)
    )


# Marks a value stated as the lowest there is ("from $750", "starting at $750"): '$750+'.
LOWEST = "+"
# A normalised amount: a unit before or after it ('$', '%', 'd'), a number or a span of two.
_AMOUNT_KEY = compiled(r"(?P<before>[^\d]*)(?P<low>\d+(?:\.\d+)?)(?:-(?P<high>\d+(?:\.\d+)?))?(?P<after>[^\d+]*)")


def as_lowest(value: str) -> str:
    """A normalised value stated as the lowest ("from $750"): '$750' -> '$750+'.

    A span is itself: "from $750 to $900" states both ends.
    """
    amount = _AMOUNT_KEY.fullmatch(value)
    return value if amount is not None and amount.group("high") is not None else value + LOWEST


def values_agree(first: str, second: str) -> bool:
    """Whether two normalised values can both be true: equal ones, or a lowest value and one at or above it.

    "From $750" ('$750+') agrees with "$750" and "$900" stated elsewhere, and with "$800 to $900",
    but not with "$600", nor with another lowest value ("from $600"): each says what the least is.
    """
    if first == second:
        return True
    if first.endswith(LOWEST) == second.endswith(LOWEST):
        return False
    lowest, other = (first, second) if first.endswith(LOWEST) else (second, first)
    bound, stated = _AMOUNT_KEY.fullmatch(lowest[: -len(LOWEST)]), _AMOUNT_KEY.fullmatch(other)
    if bound is None or stated is None or bound.group("high") is not None:
        return False
    if (bound.group("before"), bound.group("after")) != (stated.group("before"), stated.group("after")):
        return False  # another currency or unit
    return float(stated.group("low")) >= float(bound.group("low"))


def _ends(key: regex.Match[str]) -> tuple[float, float]:
    low = float(key.group("low"))
    return low, float(key.group("high") or low)


def percent(text: str) -> str | None:
    """'85%' -> '85%'; '60-80 percent' -> '60-80%'."""
    match = _PERCENT.search(text)
    if match is None:
        return None
    high = match.group("high")
    return _span(float(match.group("low")), float(high) if high else None) + "%"


def text(value: str) -> str | None:
    """Case, spacing and stray punctuation do not make two statements differ."""
    folded = " ".join(_PUNCTUATION.sub(" ", value.casefold()).split()).strip(" .-")
    return folded or None


NORMALISERS: dict[str, Normaliser] = {
    "money": money,
    "number": number,
    "duration": duration,
    "percent": percent,
    "text": text,
}


def describe(kind: str, key: str) -> str:
    """A normalised key as a reader would write it (for messages about approved values)."""
    if kind == "duration" and key.endswith("d"):
        return key[:-1] + " days"
    return key
