"""Whether a phrase suggestion reads as English after the word it would follow.

A phrase suggestion replaces the matched words and keeps every word before
them, so the seam between the two must read. Some seams never do, whatever
the rest of the sentence says:

- a modal, ``do`` or ``to`` before a bare verb wants one: "will may help",
  "you'll may need", "able to may need", "does is" do not read, nor (after a
  modal or ``do``) a verb ending in -s: "will provides";
- a form of ``be`` is not followed by a modal or another finite verb:
  "is can be", "is is", "will be may support";
- a determiner or a possessive opens a noun phrase: "your may help", "a
  provides", "Dallas's can be", "a not proven formula" do not read;
- "there are" or "there were" wants more than one thing: "there are a small
  risk" does not read ("there are a few" does);
- a phrase the words before it already end with, joined by "and" or "or", says
  it twice: "provides fluids and vitamins and provides fluids and vitamins"
  (two claims side by side, the first already rewritten with the same phrase).

Only such certain cases are caught: a phrase left in is not known to read
well, but one left out is known to read badly. So a word that is also
something else is read as what lets the phrase fit: "'s" as "has" ("he's had
relief", "PRP's not proven"), "his" and "each" as pronouns ("his is slower",
"each provides relief"), "do" ending a "what we do" clause ("what PRP does is
studied"), the letter in "vitamin A may help", and a noun of one thing in -s
after "a" ("a series of"). An adverb that opens the phrase is passed over:
"can sometimes ease" reads, "can sometimes eases" does not.
"""

from __future__ import annotations

from medlint.own_patterns import compiled

_MODALS = frozenset({"may", "might", "can", "cannot", "could", "will", "would", "shall", "should", "must"})
# Finite forms that cannot follow a modal, a form of "be" or a determiner.
_FINITE = _MODALS | frozenset({"is", "are", "am", "was", "were", "has", "had", "does", "did", "isn't", "aren't"})
_WANTS_BARE_VERB = _MODALS | frozenset(
    {"do", "does", "did", "don't", "doesn't", "didn't", "won't", "can't", "couldn't", "wouldn't", "shouldn't"}
)
_BE = frozenset({"is", "are", "am", "was", "were", "be", "been", "being", "isn't", "aren't", "wasn't", "weren't"})
# Not "this", "these" or "those", which stand for a noun as often as they open one ("This may help"),
# nor "his", "her" or "each", which do too ("his is slower", "what suits her is", "each provides").
_DETERMINERS = frozenset({"a", "an", "the", "your", "our", "my", "their", "its", "every"})
# Determiners of one thing: a word ending in a single -s after them is a verb or a plural ("a provides").
_SINGULAR_DETERMINERS = frozenset({"a", "an", "every"})
# A determiner or a subject: "not" reads after neither ("his not proven", "each not proven").
_NOT_BEFORE_NOT = frozenset({"his", "each"})
# Adverbs that may stand between the word before and the verb ("can sometimes ease"): the seam is
# read at the word after them, so "can sometimes eases" does not read either.
_ADVERBS = frozenset(
    {
        "always", "sometimes", "perhaps", "often", "usually", "generally", "typically", "also", "only", "just",
        "still", "even", "rarely", "seldom", "nevertheless", "nonetheless",
    }
)  # fmt: skip
# Nouns of one thing in a single -s: "a series of", "a means of".
_NOUNS_IN_S = frozenset(
    {"series", "means", "species", "news", "lens", "pancreas", "biceps", "triceps", "forceps", "bias", "atlas"}
)
# A "do" that ends a clause standing for a thing ("what PRP does", "all we do"): any verb may follow.
_DO_ENDS_CLAUSE = compiled(
    r"(?i)\b(?:what|whatever|everything|anything|all(?:\s+that)?\s+(?=(?:we|you|they|i|he|she|it)\s))"
    r"\s*(?:[\w'\u2019-]+\s+){1,3}?(?:do|does|did)\W*\Z"
)
# A capital A after a word names a letter ("vitamin A", "hepatitis A", "plan A"), not "a".
_LETTER_A = compiled(r"[^\W_]\s+A\W*\Z")
# "there are", "there were", "there're": what follows names more than one thing.
_THERE_PLURAL = compiled(r"(?i)\bthere(?:\s+(?:are|were)|['\u2019]re)\W*\Z")
# "a" or "an" that opens one thing, not a quantity of many ("a few", "a number of", "a lot of").
_ONE_THING = compiled(
    r"(?i)\W*an?\s+(?!(?:[\w-]+\s+)?(?:few|lot|lots|number|couple|handful|range"
    r"|variety|host|series|dozen|great\s+many|good\s+many|total|further|minimum|maximum"
    r"|estimated|average|additional|hundred|thousand|million)\b)"
)
_LAST_WORD = compiled(r"([^\W\d_]+(?:['\u2019][^\W\d_]+)?)\W*\Z")
_FIRST_WORD = compiled(r"\W*([^\W\d_]+(?:['\u2019][^\W\d_]+)?)")


def fits_after(before: str, phrase: str) -> bool:
    """Whether ``phrase`` can follow the text ``before`` it (the sentence up to the matched words)."""
    if _THERE_PLURAL.search(before) and _ONE_THING.match(phrase):
        return False
    if _said_just_before(before, phrase):
        return False
    last, opening = _LAST_WORD.search(before), _opening(phrase)
    if last is None or not opening:
        return True
    previous = _plain(last.group(1))
    if previous in ("do", "does", "did") and _DO_ENDS_CLAUSE.search(before):
        return True
    if previous.endswith("'ll") or previous in _WANTS_BARE_VERB or previous == "to":
        if opening in _FINITE:
            return False
        return previous == "to" or not _third_person(opening)
    if previous.endswith("'s"):
        # "is", "has" ("he's had", "PRP's not proven") or a possessive: no finite verb but "had" reads after all three.
        return opening == "had" or opening not in _FINITE
    if previous in _BE:
        return opening not in _FINITE
    if previous == "a" and _LETTER_A.search(before):
        return True
    if previous in _NOT_BEFORE_NOT:
        return opening != "not"
    if previous in _DETERMINERS:
        if opening in _FINITE or opening == "not":
            return False
        return not (previous in _SINGULAR_DETERMINERS and _third_person(opening))
    return True


def _said_just_before(before: str, phrase: str) -> bool:
    """Whether ``before`` ends with ``phrase`` and a joining "and", "or" or comma."""
    words, said = before.lower().split(), phrase.lower().split()
    while words and words[-1] in ("and", "or", "&", ","):
        words.pop()
    if words:
        words[-1] = words[-1].rstrip(",")
    return bool(said) and words[-len(said) :] == said


def _opening(phrase: str) -> str:
    """The phrase's first word, past the adverbs that open it ("sometimes eases" -> "eases"); "" if none."""
    position = 0
    while (found := _FIRST_WORD.match(phrase, position)) is not None:
        word, position = _plain(found.group(1)), found.end()
        if word not in _ADVERBS:
            return word
    return ""


def _plain(word: str) -> str:
    return word.lower().replace("\u2019", "'")


def _third_person(word: str) -> bool:
    """A word ending in a single -s ("provides", "lowers"), as no bare verb or singular noun here does."""
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")) and word not in _NOUNS_IN_S
