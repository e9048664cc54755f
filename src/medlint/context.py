"""Where a match stands: is it negated or hedged, and what is near it.

Honest copy often uses the very words a claim uses: "is not a cure", "we
cannot guarantee results", "early studies suggest it may help". These helpers
look at the words just before a match, within its clause, so a rule can tell
a claim from its denial.

Three things deny a match:

- a negator shortly before it in its clause ("is **not** a cure"), or one that
  opens the clause ("**Nothing** here is a promise of permanent results"), or
  one before a list of alternatives joined by "or" that the match is an item of
  ("drips do **not** boost energy, improve your skin or cure a hangover");
  "just", "and it is", "and is" and the like open a new clause, and so does
  what follows a selling point denied ("no downtime and guaranteed results");
- in a list of denials, each with its own "no" ("no downtime and no risk"),
  only what stands before the whole list: an earlier item's "no" does not
  deny a later item, but "we cannot promise no pain and no risk" denies both;
- a frame that disowns or reports what follows, however far away: "we do not
  claim that...", "we will never tell you that...", "if anyone tells you...",
  "if you read that...",
  "be wary of clinics that promise...", "claims that... are not supported",
  "there is not enough evidence to say that...",
  "patients often ask whether...".
  A frame reaches to the end of its sentence unless a contrast ("but", a
  colon, a dash) or a new main clause after a comma (", we...") comes first;
- what an open question asks: "trials are testing whether exosomes work
  better", "it is not known whether PRP is a cure";
- a denial after a match that is its clause's subject: "A painless procedure
  is not something any clinic can promise", "...is not realistic";
- an echo question answered no: "Risk-free? No treatment is."
"""

from __future__ import annotations

import itertools
import re
import sys

import msgspec
import regex

from medlint import guided
from medlint.document import SENTENCE_STOP, TYPOGRAPHIC_FOLD, Document
from medlint.own_patterns import compiled
from medlint.patterns import MATCH_TIMEOUT_SECONDS, LazyPattern
from medlint.prefilter import fold, may_match, spaced

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
# "Not only painless...", "doesn't just mask pain": what follows is asserted.
_NOT_ONLY = (["only"], ["just"], ["merely"], ["simply"])
# "Doctors won't tell you that...": the speakers said to withhold a truth.
_WITHHOLDERS = tuple(
    [w] for w in ("doctors", "doctor", "surgeons", "physicians", "gp", "they", "pharma", "companies", "industry")
)
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
# What a clinic's copy says there is none of, as a selling point: "no downtime", "no needles".
_DENIED_SELLING_POINT = (
    r"(?:downtime|down\s+time|surgery|scarring|scars|needles|incisions?|stitches|cuts?|cutting|pain|discomfort"
    r"|bruising|swelling|anaesthetic|anesthesia|recovery(?:\s+time)?|hospital\s+stay|time\s+off(?:\s+work)?"
    r"|side[\s-]effects|adverse\s+effects|complications|risks?|infections?|irritation|redness)"
)
# Where a clause ends: what lies before one of these does not govern what follows.
_CLAUSE_BREAK = compiled(
    r"[;:()\u2013\u2014]|\s-\s|" + SENTENCE_STOP + r"(?=\s)|,\s*(?:and|so|but)\b"
    r"|\b(?:but|however|although|though|yet|whereas|while|unlike)\b"
    # "Nothing invasive, just a risk-free injection": what follows "just" is asserted.
    r"|,\s*(?=(?:just|only|simply|merely|instead|rather)\b)"
    # "It is not risk-free, with zero nausea": a phrase added after a comma asserts its own words.
    r"|,\s*(?=with\b)"
    # "It is not painful and it is risk-free": a new subject and verb open a new clause, so does one with
    # whose it is ("My skin has never looked better and my eczema has gone").
    r"|\b(?:and|or)\s+(?=(?:it|it's|this|they|they're|there|we|we're|you|you'll|you're|he|she"
    r"|(?:my|his|her|their|our|your)\s+[\w'-]+)\s+"
    r"(?:is|are|was|were|will|would|can|could|has|have|had|does|do|did|may|might|must|should|\w+s)\b)"
    # "It has no downtime and is FDA approved", "no downtime and cures arthritis": the same subject's
    # second verb asserts its own predicate, which the first one's "no" does not reach.
    r"|\b(?:and|or)\s+(?=(?:is|are|was|were|will|can|could|has|have|does|do|may|might|must|should"
    r"|cures|heals|repairs|regrows|regenerates|restores|reverses|eliminates|removes|stops|prevents|fixes"
    r"|treats|works|lasts|guarantees)\b)"
    # "With no downtime and guaranteed results": a selling point denied ("no downtime") does not deny
    # the next one, which has no "no" of its own; "no pain and swelling" denies both.
    r"|\b(?:no|zero|without)\s+" + _DENIED_SELLING_POINT + r"\s*(?:,\s*)?(?:and|&|plus)\s+"
    r"(?!(?:no|zero|without|any|little|minimal|" + _DENIED_SELLING_POINT + r")\b)",
    regex.IGNORECASE,
)
# On ASCII text, what every _CLAUSE_BREAK match holds: a clause before a match with none of these has no
# break, and the regex module's scan of it (20 times the cost of this one) is left out. Beside its
# punctuation, the words _CLAUSE_BREAK reads between word boundaries ("and", "or", "no" before their space).
_BREAK_SIGN = re.compile(
    r"[;:().!?,-]|\b(?:but|however|although|though|yet|whereas|while|unlike|and|or|no|zero|without)\b", re.IGNORECASE
)
# How far past a match's start a clause break's lookahead may read.
_BREAK_LOOKAHEAD = 32
# One denial of a list of denials, each with its own "no": "no surgery, ", "no scarring and ".
_DENIAL_ITEM = compiled(
    r"\b(?:no|zero|without)\s+(?:[\w'-]+\s+){0,3}?[\w'-]+\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)$",
    regex.IGNORECASE,
)
_DENIAL_START = compiled(r"(?:no|zero|without)\b", regex.IGNORECASE)
# Where a _DENIAL_ITEM can begin.
_DENIAL_OPENER = compiled(r"\b(?:no|zero|without)\s", regex.IGNORECASE)
# A _DENIAL_ITEM holds at most seven runs of white space ("no" and four words, a comma, "and"), and one
# more if its end is a line end before the last: one that begins further back cannot end at a given place.
_WHITE_SPACE_BACKWARDS = compiled(r"(?r)\s+")
_ITEM_SPACE_RUNS = 8
# A negated verb or "is not" before a list of alternatives denies each of them: "do not detoxify the
# body, treat hangovers, prevent infections or ...". An item is words with no "and", "but" or "or"
# among them, nor a clause's end; each read possessively, so a long list is read in linear time.
_LIST_NEGATORS = frozenset(
    ["not", "never", "cannot", "can't", "don't", "doesn't", "didn't", "won't", "isn't", "aren't"]
)
# (The prose writes a curly apostrophe as "'".) In a fixed order: the source is the kept pattern's key.
_LIST_NEGATOR = r"\b(?:" + "|".join(sorted(_LIST_NEGATORS, key=lambda word: (-len(word), word))) + r")\s++"
_LIST_WORD = r"(?!(?:and|but|or)\b)[^\s,;:()!?.\u2013\u2014]++"
_LIST_ITEM = _LIST_WORD + r"(?:\s++" + _LIST_WORD + r")*+"
# The words of an item before the match: "or **a** guarantee of results".
_ITEM_OPENING = r"(?:" + _LIST_WORD + r"\s++){0,3}+"
_DENIED_LIST_TO_LAST_ITEM = compiled(
    _LIST_NEGATOR + _LIST_ITEM + r"(?:,\s*+" + _LIST_ITEM + r")+,?\s++or\s++" + _ITEM_OPENING + r"\Z", regex.IGNORECASE
)
_DENIED_LIST_TO_AN_ITEM = compiled(
    _LIST_NEGATOR + _LIST_ITEM + r"(?:,\s*+" + _LIST_ITEM + r")*,\s*+" + _ITEM_OPENING + r"\Z", regex.IGNORECASE
)
_LIST_GOES_ON_TO_OR = compiled(r"(?:" + _LIST_ITEM + r",\s*+)*" + _LIST_ITEM + r",?\s++or\b", regex.IGNORECASE)
# Frames that report or disown the claim after them.
_SPEECH = r"(?:claim|say|tell|promise|suggest|pretend|guarantee|imply|advertise|describe|call|state|assert|insist)"
_FIRST_PERSON = (
    r"\b(?:we|i|our\s+(?:clinic|team|doctors?|physicians?|specialists?|staff|surgeons?)"
    r"|this\s+(?:page|clinic|site|website|leaflet|article|practice))"
)
_OTHERS = (
    r"(?:anyone|anybody|someone|somebody"
    r"|any\s+(?:one|clinic|doctor|provider|website|practitioner|company|advert)"
    r"|(?:a|another|other|some)\s+(?:[\w-]+\s+)?(?:clinics?|doctors?|providers?|websites?|practitioners?|companies|company|adverts?)"
    r"|clinics|providers|websites|practitioners|companies|adverts|advertisements|salespeople)"
)
_DISOWNING_FRAME = compiled(
    # "We do not claim that", "we will never tell you", "this page does not say".
    _FIRST_PERSON + r"\s+(?:(?:do|does|did|will|would|can|could|should|shall|must)\s*(?:not|n't)|cannot|never"
    r"|(?:do|does|will|would|can|could|shall)\s+never)\s+(?:(?:ever|honestly|truthfully|falsely)\s+)?"
    + _SPEECH
    + r"\w*\b"
    # "No one can honestly say", "no reputable clinic will promise".
    r"|\b(?:no\s+one|nobody|no\s+(?:honest\s+|reputable\s+|responsible\s+|ethical\s+)?"
    r"(?:clinic|doctor|physician|specialist|surgeon|provider))\s+(?:\w+\s+){0,2}?" + _SPEECH + r"\w*\b"
    # "There is not enough evidence to say that", "little evidence that": the claim is judged unproven.
    r"|\b(?:no|not\s+enough|too\s+little|(?<!\ba\s)little|insufficient|limited)\s+(?:good\s+|reliable\s+|strong\s+|clinical\s+)?"
    r"evidence\s+(?:(?:yet\s+)?to\s+(?:say|show|suggest|claim|conclude|support\s+the\s+claim)\s+)?that\b"
    # "If anyone tells you", "if a clinic promises", "if you are told".
    r"|\b(?:if|when|whenever)\s+" + _OTHERS + r"\s+(?:\w+\s+)?" + _SPEECH + r"\w*\b"
    r"|\b(?:if|when|whenever)\s+you\s+(?:are|were|get|have\s+been|'re)\s+(?:told|promised|offered|guaranteed)\b"
    # "If you read that stem cells cure arthritis", "when you hear online that...": a claim met elsewhere.
    # Not "when you see that your pain has gone", which presumes what follows.
    r"|\b(?:if|when|whenever)\s+you\s+(?:read|hear|come\s+across|see\s+(?:it\s+)?(?:claimed|advertised|promised|written))"
    r"\s+(?:[\w-]+\s+){0,3}?that\b"
    # "Be wary of clinics that promise", "beware of adverts claiming".
    r"|\b(?:wary|cautious|careful|sceptical|skeptical|suspicious|beware|distrust\w*|avoid)\s+(?:of\s+|about\s+|with\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:(?:that|who|which)\s+(?:\w+\s+)?"
    + _SPEECH
    + r"\w*|promising|claiming|advertising|guaranteeing|offering|selling|marketing)\b"
    # "Anyone who promises", "clinics that advertise", "other clinics claim".
    r"|\b" + _OTHERS + r"\s+(?:who|that|which)\s+(?:\w+\s+)?" + _SPEECH + r"\w*\b"
    r"|\b(?:other|some|many|a\s+few)\s+(?:[\w-]+\s+)?(?:clinics|providers|websites|companies|adverts)\s+(?:\w+\s+)?"
    + _SPEECH
    + r"\w*\b"
    # "Patients often ask whether it is FDA approved", "people wonder if PRP is a cure": an indirect
    # question reports what is asked. Not the imperative "Ask us whether...", which can be a pitch.
    r"|\b(?:asks|asked|wonders|wondered|wondering|(?:often|sometimes|frequently|usually|commonly|regularly"
    r"|people|patients|clients|customers|readers|families|parents|many|some|you|they)\s+(?:also\s+)?(?:ask|wonder))"
    r"\s+(?:(?:us|me|them|(?:our|their|your)\s+[\w-]+)\s+)?(?:whether|if)\b",
    regex.IGNORECASE,
)
# "Trials are testing whether exosomes work better than steroids", "it is not known whether PRP is a
# cure": the match is what an open question asks, the predicate of its "whether" (or "if") clause. Not
# an attribute given to the clause's subject, which the page asserts: "decide whether our painless
# laser suits you", "see if PRP's guaranteed results..." (a determiner or possessive right before it).
_QUESTIONING = (
    r"(?:test(?:s|ed|ing)?|stud(?:y|ies|ied|ying)|investigat\w*|examin\w*|evaluat\w*|assess\w*|explor\w*"
    r"|research\w*|measur\w*|compar\w*|determin\w*|establish\w*|decid\w*|check\w*|learn\w*|look\w*\s+(?:at|into)"
    r"|find(?:ing)?\s+out|found\s+out|see|know|knows|known|unknown|clear|unclear|certain|uncertain|sure|unsure"
    r"|tell|shows?|shown|question|debate|ask\w*|wonder\w*)"
)
_OPEN_QUESTION = compiled(
    r"\b" + _QUESTIONING + r"\s+(?:(?:you|us|them|me|patients|people|of|about|on|into|at)\s+)?(?:whether|if)\s+"
    r"(?:(?!(?:that|which|who)\b)[\w'-]+\s+){1,5}?"
    r"(?:(?:is|are|was|were|will|would|can|could|may|might|does|do|did|has|have|should)\s+(?:(?:really|actually|truly)\s+)?"
    r"(?:be\s+)?|(?<!\b(?:our|your|the|a|an|this|that|these|those|their|its|his|her|my|whose)\s+|'s\s+))\Z",
    regex.IGNORECASE,
)
# "Claims that ... are not supported": a claim is named, and judged after the match.
_NAMED_CLAIM = compiled(
    r"\b(?:claims?|promises?|suggestions?|assertions?|statements?|stories|adverts?|advertisements?|hype"
    r"|idea|notion|belief|myth)\s+(?:that|of)\b",
    regex.IGNORECASE,
)
# Words one of which every match of _DISOWNING_FRAME or _NAMED_CLAIM holds (case-folded), by alternative:
# the speech verbs, "evidence", "told"/"offered" (and "promise", "guarantee"), "read"/"hear"/"across"/"written",
# the words of wariness, "ask"/"wonder"; a named claim's nouns. A clause before a match holds none of them far
# more often than not (19 in 20 on the bench's corpus), and then neither pattern is run over it.
_FRAME_WORDS = (
    *("claim", "say", "tell", "promise", "suggest", "pretend", "guarantee", "imply", "advertise", "describe"),
    *("call", "state", "assert", "insist", "evidence", "told", "offered", "read", "hear", "across", "written"),
    *("wary", "cautious", "careful", "sceptical", "skeptical", "suspicious", "beware", "distrust", "avoid"),
    *("ask", "wonder", "stories", "advert", "hype", "idea", "notion", "belief", "myth"),
)
_JUDGED_FALSE = compiled(
    r"\b(?:(?:is|are|was|were|has|have|had)\s+(?:been\s+)?(?:not|never|no)\b|(?:is|are|was|were|has|have)n't"
    r"|unproven|unsupported|unfounded|false|misleading|exaggerated|overstat\w*|untrue|wrong|a\s+myth"
    r"|lack\w*\s+(?:\w+\s+)?evidence|without\s+(?:any\s+)?(?:good\s+|reliable\s+)?evidence)",
    regex.IGNORECASE,
)
# The verbs a new main clause after ", and" is known by.
_FINITE_VERB = (
    r"(?:is|are|was|were|has|have|had|will|would|can|could|does|do|did|may|might|must|should"
    r"|causes?|gives?|carries|carry|leaves?|offers?|means?|brings?)"
)
# Where a frame's reach ends: a contrast, or a new main clause after a comma.
_FRAME_END = compiled(
    r"[;:()\u2013\u2014]|\s-\s|\b(?:but|however|although|though|yet|whereas|while|unlike|instead)\b"
    r"|,\s*(?:and\s+)?(?:we|we're|our|you|you'll|you're|your|it|it's|this|they|there|ask|talk|speak|check|please"
    r"|see|book|call|contact|look)\b"
    # "Most patients feel better, and PRP has no side effects": a subject of its own (up to three
    # words, not "that" or a verb) and its verb after ", and" open a new main clause too.
    r"|,\s*(?:and|so)\s+(?!(?:that|which|who|whom|whose|whether|if|what|how)\b|" + _FINITE_VERB + r"\b)"
    r"(?=(?:[\w+'-]+\s+){1,3}?" + _FINITE_VERB + r"\b)"
    # "No side effects, and most patients drive home": patients as a new subject, whatever their verb.
    r"|,\s*(?:and|so)\s+(?=(?:(?:most|many|some|all|few|several|(?:nearly|almost)\s+all)\s+"
    r"(?:of\s+(?:our|the|these|their)\s+)?)?(?:patients|people|clients|women|men|users|customers)\b)",
    regex.IGNORECASE,
)
# "There is no evidence that rejection happens, and our injections cure arthritis": a subject of its own (up
# to three words) after ", and" or ", so", with the match as its verb, opens a new main clause. The frame's
# lead ends where the match starts, so _FRAME_END cannot see that verb. Not a list of subjects ("that PRP,
# stem cells, and exosomes cure"), whose earlier comma stands after the frame too, nor a predicate the frame's
# subject shares (", and can cure", ", and completely painless").
_NEW_SUBJECT_BEFORE_MATCH = compiled(
    r"^[^,]*,\s*(?P<clause>(?:and|so)\s+"
    r"(?!(?:that|which|who|whom|whose|whether|if|what|how|to|also|even|still|then|more|less|very|often|always"
    r"|usually|not|never|\w+ly|" + _FINITE_VERB + r")\b)"
    r"(?:[\w+'-]+\s+){1,3})$",
    regex.IGNORECASE,
)
_WORD = compiled(r"[A-Za-z]+(?:'[a-z]+)?")
# A denial after the match, of the match as its clause's subject: "A painless procedure is not something any
# clinic can promise", "Guaranteed results are not realistic", "A risk-free procedure does not exist". Up to
# six words may stand between (not a verb, a conjunction or a relative pronoun: "painless treatment that is
# not possible elsewhere" boasts).
_PROMISE_VERB = r"(?:promise|guarantee|offer|claim|expect|achieve|provide|deliver|assure)(?:s|d|ed)?"
_TRAILING_DENIAL = compiled(
    r"(?:\s+(?!(?:that|which|who|whom|whose|where|and|or|but|so|because|if|when|while|although|though|unlike"
    r"|is|are|was|were|will|would|can|cannot|can't)\b)[\w'-]+){0,6}?\s+"
    r"(?:(?:(?:is|are|was|were|will\s+be|would\s+be)\s+(?:not|never)|isn't|aren't|wasn't|weren't|won't\s+be)\s+"
    r"(?:(?:always|usually|generally|really|currently|actually|yet)\s+)?"
    r"(?:(?:realistic|possible|achievable|guaranteed|promised|typical|likely|true|the\s+norm|to\s+be\s+expected)\b"
    # "Not possible to beat" boasts; "not realistic to expect" denies.
    r"(?!\s+(?:to|that)\b(?!\s+(?:honestly\s+)?" + _PROMISE_VERB + r"\b))"
    r"|something\s+(?:(?:that|which)\s+)?(?:[\w']+\s+){0,4}?" + _PROMISE_VERB + r"\b)"
    r"|(?:is|are|was|were)\s+(?:unrealistic|impossible|untrue|a\s+myth|something\s+(?:that\s+)?(?:no|nobody|none)\b)\b"
    # "The no side effects claim you read elsewhere is false".
    r"|(?:is|are|was|were)\s+(?:simply\s+|just\s+|plainly\s+)?(?:false|misleading|nonsense|a\s+lie)\b"
    r"|(?:cannot|can't|can\s+not)\s+be\s+(?:promised|guaranteed|assured|expected)\b"
    # "A risk-free procedure does not exist"; not "...does not exist anywhere else", which boasts.
    r"|(?:(?:does|do)\s+not|doesn't|don't)\s+(?:really\s+)?exist\b(?=\s*(?:[.!;:,)]|$)))",
    regex.IGNORECASE,
)
# A denial of other clinics or treatments only boasts: "Painless treatment is not something other clinics can
# promise", "...not typical elsewhere". "Not possible with any other treatment" still denies.
_DENIED_OF_OTHERS = compiled(
    r"(?<!\b(?:any|every|no)\s+)\bothers?\b|\belsewhere\b|\banywhere\s+else\b"
    r"|\b(?:most|many|some)\s+(?:other\s+)?(?:clinics?|providers?|practices?|centres?|centers?|doctors?|surgeons?)\b",
    regex.IGNORECASE,
)
# The match names a claim, which the denial judges: "The no side effects claim you read elsewhere is false",
# "The 'risk-free' label some clinics use is misleading". Who made the claim does not matter then.
_NAMED_AFTER = compiled(
    r"\s+(?:claims?|labels?|promises?|lines?|slogans?|taglines?|wording|messages?|idea|notion|myths?|pitch"
    r"|hype|adverts?|advertisements?|marketing)\b",
    regex.IGNORECASE,
)
# Quote marks do not part the match from its predicate ('The "risk-free" label...', '"Guaranteed results" are
# not realistic'); an apostrophe inside a word ("isn't") is not one.
_QUOTE_MARK = compiled(r"\"|(?<!\w)'|'(?!\w)")
_DENIAL_CLAUSE_END = compiled(r"[,;:]|\s(?:but|and|though|although|while|whereas)\b", regex.IGNORECASE)
# A contrast that claims it back with a bare auxiliary: "..., but we can.", "...; ours is."
_CLAIMED_BACK = compiled(
    r"(?:\bbut|;)\s+(?:[\w']+\s+){0,2}?(?:can|could|do|does|is|are|will|would)"
    r"(?:\s+(?:here|now|today|with\s+us|at\s+our\s+\w+))?\s*[.!]?\s*$",
    regex.IGNORECASE,
)
# Words that may open a clause before its subject: "A painless...", "Our guaranteed...", "Being pain-free...".
_SUBJECT_LEAD = frozenset(
    [
        *["a", "an", "the", "our", "your", "their", "this", "that", "these", "those", "any", "every", "such"],
        *["being", "getting", "staying", "becoming", "feeling", "truly", "completely", "totally", "entirely"],
        *["fully", "realistically", "honestly", "unfortunately", "sadly"],
        # The qualifiers of a claim's own noun phrase: "A permanent cure isn't possible".
        *["permanent", "lasting", "instant", "immediate", "complete", "total", "full", "quick", "fast", "guaranteed"],
    ]
)
_SUBJECT_LEAD_WORDS = 4
# An echo question and its answer: "Risk-free? No treatment is.", "A cure for back pain? Sadly, there isn't
# one." The question is the match and a few words; the answer, next, opens by saying no.
_ECHO_QUESTION_WORDS = 4
_ANSWER_LOOKAHEAD = 120
_ANSWERED_NO = compiled(
    r"(?:(?:sadly|unfortunately|honestly|frankly|realistically|alas|well|in\s+short"
    r"|the\s+(?:honest|short|simple|truthful)\s+answer\s+is)[,:]?\s+)?"
    r"(?:(?:no|nope|not|nothing|none|nobody|never|neither)\b"
    # "No problem!", "Nothing less.", "Not only that...", "Not any more!": these say yes.
    r"(?!\s*(?:problems?|worries|question|doubt|wonder|matter|kidding|exceptions?|catch|strings|ifs|joke|lie|contest"
    r"|less|more|but|else|only|just|merely|simply|longer|any\s*more|again|better|safer|easier)\b)"
    r"|there\s+(?:is|are|'s)\s+no\b"
    r"|(?:there|it|that|this)\s*(?:isn't|aren't|is\s+not|are\s+not|'s\s+not|doesn't|does\s+not)\b"
    r"|(?:we|i)\s+(?:can't|cannot|can\s+not|don't|do\s+not|won't|will\s+not|never)\s+(?:honestly\s+)?"
    + _PROMISE_VERB
    # "No side effects? Every medicine has some.": the risks every treatment carries deny it too.
    + r"|(?:every|each|all|any)\s+(?:[\w-]+\s+)?(?:medicines?|medications?|drugs?|treatments?|procedures?"
    r"|injections?|operations?|surger(?:y|ies)|therap(?:y|ies)|jabs?|interventions?)\s+"
    r"(?:has|have|carries|carry|can\s+(?:cause|have|carry))\s+(?:(?:some|its|their|a|a\s+few)\s+)?"
    r"(?:(?:[\w-]+\s+)?(?:risks?|side[\s-]effects?|complications?|downsides?|infections?|bruising|swelling|pain)|some)\b"
    r")",
    regex.IGNORECASE,
)
_QUESTION_OPENER = compiled(
    r"(?:is|are|was|were|can|could|does|do|will|would|should|may|might|has|have|what|how|which|who|when|where)\b"
    r"(?!\s+you\s+know\b)",
    regex.IGNORECASE,
)
WITHIN = ("clause", "sentence", "paragraph", "section", "document")
# What _FRAME_END reads as punctuation, when a character reference writes it.
_PUNCTUATION_ENDING_A_FRAME = frozenset(";:()\u2013\u2014")


def clause_bounds(document: Document, start: int, end: int) -> tuple[int, int]:
    """The part of the sentence around [start, end) that a frame before it would reach.

    It ends, on either side, at what ends a frame's reach: a contrast ("but"), a
    colon, a semicolon, a dash, or a new main clause after a comma (", and we").
    """
    lo, hi = document.sentence_bounds(start, end)
    prose = document.prose
    for boundary in _FRAME_END.finditer(prose, lo, start):
        lo = boundary.end()
    # A dash, colon or semicolon written as a character reference ("&ndash;") is blanked in the prose.
    for ref_start, ref_end, character in document.references_between(lo, hi):
        if character in _PUNCTUATION_ENDING_A_FRAME:
            if ref_end <= start:
                lo = ref_end
            elif ref_start >= end:
                hi = ref_start
                break
    new_subject = _NEW_SUBJECT_BEFORE_MATCH.search(prose[lo:start])
    if new_subject is not None:
        lo += new_subject.start("clause")
    after = _FRAME_END.search(prose, end, hi)
    return lo, (after.start() if after is not None else hi)


def clause_words(document: Document, start: int) -> tuple[str, ...]:
    """The lower-case words of the clause before ``start``."""
    key = ("clause words", start)
    known = document.context_answers.get(key)
    if known is None:
        known = document.context_answers[key] = _clause_words(document, start)
    return known


def _clause_words(document: Document, start: int) -> tuple[str, ...]:
    sentence_start, _ = document.sentence_bounds(start)
    lead = document.reading(sentence_start, start)
    # A break may be known only by the words it opens ("and is FDA approved", the match itself): read on a little.
    if lead.isascii() and _BREAK_SIGN.search(lead) is None:
        breaks = []
    else:
        ahead = lead + document.prose[start : start + _BREAK_LOOKAHEAD]
        breaks = [b for b in _CLAUSE_BREAK.finditer(ahead) if b.end() <= len(lead)]
    if breaks:
        lead = lead[breaks[-1].end() :]
    # Interned: every match keeps its clause's words, and on a long clause (a list with no sentence
    # end) thousands of matches would each keep their own copy of the same few hundred words.
    words = [sys.intern(w.lower()) for w in _WORD.findall(lead)]
    return tuple(w for i, w in enumerate(words) if not _denies_nothing(words, i))


def _denies_nothing(words: list[str], i: int) -> bool:
    """Negators that deny nothing where they stand.

    "No matter how...", "no doubt", "no wonder"; "not only", "doesn't just"
    (what follows is asserted); "what doctors won't tell you" (an insinuation
    that what follows is true).
    """
    word, after = words[i], words[i + 1 : i + 2]
    if word == "no":
        return after in _NOT_DENIALS
    if word not in NEGATORS:
        return False
    return after in _NOT_ONLY or (words[i - 1 : i] in _WITHHOLDERS and after in (["tell"], ["want"]))


def words_before(document: Document, start: int, window: int) -> tuple[str, ...]:
    """Up to ``window`` lower-case words before ``start``, within its clause."""
    return clause_words(document, start)[-window:]


def is_negated(document: Document, start: int, window: int) -> bool:
    """A negator shortly before the match, or one that opens its clause, or one before the list of
    alternatives the match is one of.

    A clause that opens with "No", "Not", "Nothing"... denies all of it, however
    long: "Nothing on this page is a promise of instant or permanent results".
    A negated verb denies each item of a list joined by "or", however long:
    "Drips do not boost energy, improve your skin, prevent infections or cure a hangover".
    """
    if is_disowned(document, start):
        return True
    words = clause_words(document, list_start(document, start))
    if words and words[0] in CLAUSE_NEGATORS:
        return True
    if any(word in NEGATORS for word in words[-window:]):
        return True
    return any(word in _LIST_NEGATORS for word in words) and _in_a_denied_list(document, start)


def _in_a_denied_list(document: Document, start: int) -> bool:
    """Whether the match is an item of a list of alternatives that a negator before the list denies.

    The list's items are set apart by commas and its last joined by "or" (a list joined by "and"
    may mix a denial with claims: "it does not hurt, boosts energy and cures hangovers"); the match
    is its last item, or a middle one with the "or" still to come in its sentence.
    """
    sentence_start, sentence_end = document.sentence_bounds(start)
    lead = document.reading(sentence_start, start)
    if _DENIED_LIST_TO_LAST_ITEM.search(lead) is not None:
        return True
    return (
        _DENIED_LIST_TO_AN_ITEM.search(lead) is not None
        and _LIST_GOES_ON_TO_OR.match(document.reading(start, sentence_end)) is not None
    )


def list_start(document: Document, start: int) -> int:
    """Where the list of denials that a match ends starts (``start`` if it ends none).

    In "There is no surgery, no scarring and no side effects" each item denies
    its own noun, so for "no side effects" the words that count are those
    before "no surgery": the "no" of an earlier item does not deny it.
    """
    if not _DENIAL_START.match(document.prose, start):
        return start
    sentence_start, _ = document.sentence_bounds(start)
    # Each step takes the leftmost item that ends where the list so far starts: what searching for
    # _DENIAL_ITEM from the sentence's start up to there finds.
    while (item_start := _item_ending_at(document, start, sentence_start)) is not None:
        start = item_start
    return start


def _item_ending_at(document: Document, end: int, lowest: int) -> int | None:
    """Where the leftmost denial item that ends at ``end`` and begins at or after ``lowest`` begins."""
    # Every item of a list is a step of the walk back from each later item: work each out once a page.
    key = ("denial item ending", end)
    if key not in document.context_answers:
        document.context_answers[key] = _leftmost_item(document.prose, 0, end)
    found: int | None = document.context_answers[key]
    if found is None or found >= lowest:
        return found
    return _leftmost_item(document.prose, lowest, end)  # that one begins before the sentence


def _leftmost_item(prose: str, lowest: int, end: int) -> int | None:
    # An item begins where a denial word does, and after the white space before the most it can hold.
    runs = list(itertools.islice(_WHITE_SPACE_BACKWARDS.finditer(prose, lowest, end), _ITEM_SPACE_RUNS + 1))
    if len(runs) > _ITEM_SPACE_RUNS:
        lowest = runs[-1].start() + 1
    for opener in _DENIAL_OPENER.finditer(prose, lowest, end):
        if _DENIAL_ITEM.match(prose, opener.start(), end) is not None:
            return opener.start()
    return None


def is_disowned(document: Document, start: int) -> bool:
    """Whether a frame earlier in the sentence reports or disowns the match.

    "We do not claim that stem cells cure arthritis, regenerate discs or reverse
    degeneration": however far the match is from "not", it is what the
    sentence disowns. A frame reaches to the end of its sentence unless a
    contrast or a new main clause comes first.
    """
    key = ("disowned", start)
    known = document.context_answers.get(key)
    if known is None:
        known = document.context_answers[key] = _is_disowned(document, start)
    return bool(known)


def _is_disowned(document: Document, start: int) -> bool:
    sentence_start, sentence_end = document.sentence_bounds(start)
    lead = document.reading(sentence_start, start)
    folded = fold(lead)
    if ("whether" in folded or "if " in folded) and _OPEN_QUESTION.search(lead) is not None:
        return True
    if not any(word in folded for word in _FRAME_WORDS):
        return False  # neither a frame nor a named claim can be in it
    frames = list(_DISOWNING_FRAME.finditer(lead))
    if frames and _reaches_match(lead, frames[-1].end()):
        return True
    named = list(_NAMED_CLAIM.finditer(lead))
    return bool(
        named
        and _FRAME_END.search(lead, named[-1].end()) is None
        and _JUDGED_FALSE.search(document.reading(start, sentence_end)) is not None
    )


def _reaches_match(lead: str, frame_end: int) -> bool:
    """Whether a frame ending at ``frame_end`` of ``lead`` (the sentence up to the match) reaches the match."""
    return _FRAME_END.search(lead, frame_end) is None and _NEW_SUBJECT_BEFORE_MATCH.search(lead[frame_end:]) is None


def is_denied_after(document: Document, start: int, end: int) -> bool:
    """Whether the match is its clause's subject and a denial of it follows.

    "A painless procedure is not something any clinic can promise", "Being
    pain-free after one session is not realistic". Not "Our painless procedure
    is not only fast but safe", nor "...is not expensive": those assert it; nor
    a denial of others only ("...is not something other clinics can promise")
    or one taken back ("...is not always possible, but usually it is").
    """
    lead = clause_words(document, start)
    if len(lead) > _SUBJECT_LEAD_WORDS or any(word not in _SUBJECT_LEAD for word in lead):
        return False
    _, sentence_end = document.sentence_bounds(start, end)
    # Read with references as their characters: WordPress writes "isn&#8217;t".
    predicate = document.reading(end, sentence_end).translate(TYPOGRAPHIC_FOLD)
    predicate = _QUOTE_MARK.sub(" ", predicate)
    denial = _TRAILING_DENIAL.match(predicate)
    if denial is None:
        return False
    if _CLAIMED_BACK.search(predicate, denial.end()) is not None:
        return False
    if _NAMED_AFTER.match(predicate) is not None:
        return True
    clause_break = _DENIAL_CLAUSE_END.search(predicate, denial.end())
    own_clause = predicate[: clause_break.start() if clause_break else len(predicate)]
    return _DENIED_OF_OTHERS.search(own_clause) is None


def is_answered_no(document: Document, start: int, end: int) -> bool:
    """Whether the match is an echo question that the next sentence answers no.

    "Risk-free? No treatment is.", "Guaranteed results? No honest clinic offers
    them.", "No side effects? Every medicine has some.": the question holds the
    match and at most a few words, with no verb to open it, and the answer opens
    with a denial or with the risks every treatment carries. "Risk-free? Absolutely." and
    "Pain-free? No problem!" still claim it.
    """
    lo, hi = document.sentence_bounds(start, end)
    question = document.prose[lo:hi].strip()
    # A full question ("Is PRP a cure?") is the rule's `questions` setting's to judge.
    if not question.endswith("?") or _QUESTION_OPENER.match(question) is not None:
        return False
    outside = document.reading(lo, start) + " " + document.reading(end, hi)
    if len(_WORD.findall(outside)) > _ECHO_QUESTION_WORDS:
        return False
    answer = document.reading(hi, min(hi + _ANSWER_LOOKAHEAD, len(document.prose))).translate(TYPOGRAPHIC_FOLD)
    return _ANSWERED_NO.match(answer.lstrip(" \t\n\"'*_")) is not None


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


class Condition(msgspec.Struct, frozen=True):
    """A pattern that must (``only_if``) or must not (``unless``) occur near a match.

    ``within`` is the clause, sentence, paragraph, section (the blocks under one heading) or
    document of the match; ``raw``
    searches the original text instead of the prose view (a link target or a
    footnote marker is markup, masked from prose, but it is a citation).
    """

    pattern: LazyPattern
    within: str = "sentence"
    raw: bool = False

    def bounds(self, document: Document, start: int, end: int) -> tuple[int, int]:
        """The part of the page the condition is asked of, for a match at [start, end): its ``within``."""
        if self.within == "document":
            return 0, len(document.text)
        if self.within == "paragraph":
            return document.paragraph_bounds(start)
        if self.within == "section":
            return document.section_bounds(start)
        if self.within == "clause":
            return clause_bounds(document, start, end)
        return document.sentence_bounds(start, end)

    def holds(self, document: Document, start: int, end: int) -> bool:
        lo, hi = self.bounds(document, start, end)
        if self.raw:
            lo, hi = _with_markup_around(document, start, lo, hi, self.within)
        # Every match in the same sentence, paragraph or page asks the same question: search once.
        key = (self.pattern.source, self.pattern.case_sensitive, self.raw, lo, hi)
        answer = document.condition_answers.get(key)
        if answer is None:
            if self.within == "document" and not self.raw:
                # The whole prose: the same question as "does the page have a match", which RE2 answers
                # faster than the regex module's search of the whole page.
                answer = next(iter(guided.finditer(self.pattern, document, MATCH_TIMEOUT_SECONDS)), None) is not None
            elif not self.raw and not _may_hold(document, self.pattern, lo, hi):
                answer = False
            else:
                haystack = document.spaced_text if self.raw else document.prose
                answer = self.pattern.compiled.search(haystack, lo, hi, timeout=MATCH_TIMEOUT_SECONDS) is not None
                if not answer and self.raw and document.link_destinations:
                    answer = self._holds_for_a_reference_link(document, lo, hi)
            document.condition_answers[key] = answer
        return answer

    def _holds_for_a_reference_link(self, document: Document, lo: int, hi: int) -> bool:
        """Whether a reference link in ``[lo, hi)``, read as the inline link it stands for
        (``[PRP][1]`` with ``[1]: /prp`` as ``[PRP](/prp)``), holds the pattern."""
        search = self.pattern.compiled.search
        return any(
            search(f"{document.spaced_text[start:end]}({destination})", timeout=MATCH_TIMEOUT_SECONDS) is not None
            for start, end, destination in document.link_destinations
            if lo <= start and end <= hi
        )


def _may_hold(document: Document, pattern: LazyPattern, lo: int, hi: int) -> bool:
    """False only if no match of ``pattern`` can lie in ``prose[lo:hi]``: it holds none of the words every match holds.

    Most conditions ask about a sentence that holds none of their words (two thirds of the questions
    on the bench's corpus), and a search of it by the ``regex`` module costs far more than looking.
    """
    literals = pattern.analysis.literals if pattern.analysis is not None else None
    if literals is None:
        return True
    if not may_match(document, literals):
        return False
    key = ("folded", lo, hi)
    folded = document.context_answers.get(key)
    if folded is None:
        folded = document.context_answers[key] = fold(document.prose[lo:hi])
    if not any(literal in folded for literal in literals):
        return False
    phrases = pattern.analysis.phrases if pattern.analysis is not None else None
    if phrases is None:
        return True
    key = ("spaced", lo, hi)
    spaced_text = document.context_answers.get(key)
    if spaced_text is None:
        spaced_text = document.context_answers[key] = spaced(folded)
    return any(phrase in spaced_text for phrase in phrases)


# How far a marker written against a sentence's end may reach (``<sup><a href="...">[12]</a></sup>``).
_LONGEST_MARKER = 300


def _with_markup_around(document: Document, start: int, lo: int, hi: int, within: str) -> tuple[int, int]:
    """What a ``raw`` condition reads of ``[lo, hi)``: the span with the markup written around its words.

    A block's bounds are its prose, so the markup that opens it (``<a href="...">`` before
    its first word) and ends it (a Markdown link's ``](https://...)`` after its last) lie
    outside them, though they are the citation a link gives.
    """
    if within in ("document", "section"):
        return lo, hi
    prose_end = document.paragraph_bounds(start)[1]
    paragraph_end = _markup_after(document, prose_end)
    lo = _markup_before(document, lo)
    if within == "paragraph" or hi >= prose_end:
        return lo, paragraph_end
    return lo, _with_marker_after(document, hi, paragraph_end)


def _markup_before(document: Document, start: int) -> int:
    """``start`` moved back over the blanked markup before it on its line (``<p><a href="...">``,
    a Markdown link's ``[``), up to the prose before it."""
    prose, text = document.prose, document.text
    stop = max(0, start - _LONGEST_MARKER)
    position = start
    while position > stop and prose[position - 1].isspace() and text[position - 1] not in "\n\r":
        position -= 1
    return position


def _markup_after(document: Document, end: int) -> int:
    """``end`` moved past the blanked markup after it on its line (a Markdown link's
    ``](https://...)``, closing tags), up to the next prose or opening tag: what follows
    belongs to the next block."""
    prose, text = document.prose, document.text
    stop = min(len(text), end + _LONGEST_MARKER)
    position = end
    while (
        position < stop
        and prose[position].isspace()
        and text[position] not in "\n\r"
        and not (text[position] == "<" and text[position + 1 : position + 2] != "/")
    ):
        position += 1
    return position


def _with_marker_after(document: Document, end: int, paragraph_end: int) -> int:
    """``end`` moved past what is written against it in the text, within its paragraph: the
    footnote marker or superscript that follows a sentence's full stop (``pain.[^1]``,
    ``pain.<sup>1</sup>``).

    Such a marker belongs to the sentence before it, as a citation inside it would.
    """
    text = document.text
    stop = min(len(text), end + _LONGEST_MARKER, paragraph_end)
    position = end
    while position < stop and not text[position].isspace():
        # A tag is passed whole: its attributes are spaced (``<a href="#ref-1">``).
        tag_end = text.find(">", position, stop) if text[position] == "<" else -1
        position = tag_end + 1 if tag_end > 0 else position + 1
    return min(position, stop)
