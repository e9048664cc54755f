"""Where a match stands: is it negated or hedged, and what is near it.

Honest copy often uses the very words a claim uses: "is not a cure", "we
cannot guarantee results", "early studies suggest it may help". These helpers
look at the words just before a match, within its clause, so a rule can tell
a claim from its denial.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from medlint.document import Document

NEGATORS = frozenset(
    [
        "not",
        "no",
        "never",
        "cannot",
        "can't",
        "don't",
        "doesn't",
        "didn't",
        "isn't",
        "aren't",
        "wasn't",
        "weren't",
        "won't",
        "wouldn't",
        "shouldn't",
        "couldn't",
        "mustn't",
        "hasn't",
        "haven't",
        "hadn't",
        "neither",
        "nor",
        "nothing",
        "none",
        "nobody",
        "unlikely",
        # "treatments that fail to provide lasting relief" denies the relief.
        "fail",
        "fails",
        "failed",
    ]
)
# Words that, opening a clause, negate the whole clause.
CLAUSE_NEGATORS = frozenset(["no", "not", "nothing", "none", "neither", "never", "nobody"])
# Words after "no" that make an idiom, not a denial.
_NOT_DENIALS = (["matter"], ["doubt"], ["wonder"])
HEDGES = frozenset(
    [
        "may",
        "might",
        "could",
        "potentially",
        "possibly",
        "perhaps",
        "potential",
        "promising",
        "aims",
        "aim",
        "aiming",
        "seeks",
        "seek",
        "hope",
        "hoped",
        "investigated",
        "investigating",
        "studied",
        "studying",
        "explored",
        "exploring",
        "early",
        "preliminary",
        "some",
        "suggest",
        "suggests",
        "suggested",
        "appear",
        "appears",
        "seem",
        "seems",
    ]
)
# Where a clause ends: what lies before one of these does not govern what follows.
_CLAUSE_BREAK = regex.compile(
    r"[;:()\u2013\u2014]|\s-\s|[.!?](?=\s)|,\s*(?:and|so|but)\b"
    r"|\b(?:but|however|although|though|yet|whereas|while|unlike)\b",
    regex.IGNORECASE,
)
_WORD = regex.compile(r"[A-Za-z]+(?:'[a-z]+)?")
_QUESTION_OPENER = regex.compile(
    r"(?:is|are|was|were|can|could|does|do|will|would|should|may|might|has|have|what|how|which|who|when|where)\b"
    r"(?!\s+you\s+know\b)",
    regex.IGNORECASE,
)
WITHIN = ("sentence", "paragraph", "document")


def clause_words(document: Document, start: int) -> list[str]:
    """The lower-case words of the clause before ``start``."""
    sentence_start, _ = document.sentence_bounds(start)
    lead = document.prose[sentence_start:start]
    breaks = list(_CLAUSE_BREAK.finditer(lead))
    if breaks:
        lead = lead[breaks[-1].end() :]
    words = [w.lower() for w in _WORD.findall(lead)]
    # "No matter how...", "no doubt", "no wonder" deny nothing: drop the "no".
    return [w for i, w in enumerate(words) if not (w == "no" and words[i + 1 : i + 2] in _NOT_DENIALS)]


def words_before(document: Document, start: int, window: int) -> list[str]:
    """Up to ``window`` lower-case words before ``start``, within its clause."""
    return clause_words(document, start)[-window:]


def is_negated(document: Document, start: int, window: int) -> bool:
    """A negator shortly before the match, or one that opens its clause.

    A clause that opens with "No", "Not", "Nothing"... denies all of it, however
    long: "Nothing on this page is a promise of instant or permanent results".
    """
    words = clause_words(document, start)
    if words and words[0] in CLAUSE_NEGATORS:
        return True
    return any(word in NEGATORS for word in words[-window:])


def is_hedged(document: Document, start: int, window: int) -> bool:
    return any(word in HEDGES for word in words_before(document, start, window))


def is_question(document: Document, start: int, end: int) -> bool:
    """Whether the match stands in a yes/no or wh- question ("Can PRP cure arthritis?").

    Rhetorical openers ("Why suffer...?", "Did you know...?") are not counted:
    they assert what they ask.
    """
    lo, hi = document.sentence_bounds(start, end)
    sentence = document.prose[lo:hi].strip()
    return sentence.endswith("?") and _QUESTION_OPENER.match(sentence) is not None


@dataclass(frozen=True)
class Condition:
    """A pattern that must (``only_if``) or must not (``unless``) occur near a match.

    ``within`` is the sentence, paragraph or document of the match; ``raw``
    searches the original text instead of the prose view (a link target or a
    footnote marker is markup, masked from prose, but it is a citation).
    """

    pattern: regex.Pattern[str]
    within: str = "sentence"
    raw: bool = False

    def holds(self, document: Document, start: int, end: int) -> bool:
        if self.within == "document":
            lo, hi = 0, len(document.text)
        elif self.within == "paragraph":
            lo, hi = document.paragraph_bounds(start)
        else:
            lo, hi = document.sentence_bounds(start, end)
        haystack = document.text if self.raw else document.prose
        return self.pattern.search(haystack, lo, hi) is not None
