"""Claims: what kind of claim a statement is (casualty, assessment, responsibility...) and the speaker's
affiliation.
"""

from __future__ import annotations

import re

from summarizer import lexicon
from summarizer.backends.rules.attribution import Frame, Speaker
from summarizer.caseless import Caseless
from summarizer.models import ClaimKind

_CASUALTY = re.compile(
    r"(?i)\b(?:killing|killed|wounding|wounded|injuring|injured|capturing|captured|arrest(?:ed|ing)|detain(?:ed|ing)"
    r"|neutrali[sz](?:e|ed|ing)|eliminat(?:e|ed|ing)|liquidat(?:ed|ing)|lost|martyr(?:ed|ing))"
    r"\s+(?:at\s+least\s+"
    r"|more\s+than\s+|over\s+|nearly\s+|about\s+|between\s+)?(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|dozens|scores|hundreds|several|tens|a\s+number\s+of)\b"
    r"|\b(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|scores|hundreds|several"
    r"|tens|a\s+number\s+of)"
    r"\b[^.;]{0,50}?\b(?:killed|dead|died|deaths?|wounded|injured|injuries|casualties|captured|arrested|detained"
    r"|killing|wounding|martyred|lost\s+their\s+lives|hurt|wounds|bodies|corpses|liquidated|eliminated|neutrali[sz]ed"
    r"|(?:were|was|been)\s+held|embraced\s+(?:martyrdom|shahadat)|sent\s+to\s+hell|put\s+out\s+of\s+action|KIA|WIA"
    r"|EKIA)\b"
    r"|\b(?:bodies|corpses|remains)\s+of\s+(?:at\s+least\s+)?(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|several|dozens)\b"
    r"|\b(?:death\s+)?toll\b"
    # one person told with an article: "a soldier was killed", "a man in his sixties was seriously wounded"
    rf"|\b(?:an?|one)\s+(?:[\w-]+\s+){{0,4}}?(?:{lexicon.alternation('article_heads')})\b[^.;]{{0,40}}?"
    r"\b(?:was|had\s+been|were)\s+(?:\w+ly\s+)?(?:killed|wounded|injured|hurt|shot\s+dead|beheaded|abducted"
    r"|kidnapped)\b"
    # the dead told by their burial or their duty: "30 people were laid to rest", "fell in the line of duty"
    rf"|\b(?:beheaded|buried|{lexicon.alternation('killed_phrases')})\b"
    # "confirmed the killing of 14 villagers", "the deaths of three soldiers"
    r"|\b(?:killings?|deaths?|abduction|kidnapping)\s+of\s+(?:at\s+least\s+|some\s+|about\s+)?(?:\d[\d,]*|two|three|four"
    r"|five|six|seven|eight|nine|ten|eleven|twelve|dozens)\b"
    # a count that rose: "the number of people killed has risen to five"
    r"|\bnumber\s+of\s+(?:people\s+)?(?:killed|dead|wounded|injured)\b"
)
_CASUALTY_SCAN = Caseless(_CASUALTY)  # read over every claim: the lower-cased twin finds the same figures faster
_FORECAST = re.compile(
    r"(?i)\b(?:will|would|(?:is|are)\s+(?:expected|likely|set|going)\s+to|plans?\s+to|anticipat\w+|predict\w*|could)\b"
)
_ASSESS_VERB = re.compile(
    r"(?i)^(?:assess|assesses|estimated|estimates|estimate|believe|believes|argued|argues|assumed|assessed|praised|credited|pointed\s+out|points\s+out"
    r"|emphasi[sz]ed)$"
)
_ASSESS_ROLE = re.compile(r"(?i)\b(?:expert|analyst|researcher|observer|specialist|scholar|think\s+tank)\b")
_ANNOUNCE_VERBS = frozenset({"announced", "announces", "tweeted", "declared", "stated", "states", "revealed"})
_SAY_FORECAST = frozenset({"said", "says", "told", "added", "warned", "warns", "predicted", "expects", "expected"})
# Words of judgement: a claim using them evaluates a situation rather than reporting a fact.
_EVALUATIVE = re.compile(
    r"(?i)\b(?:crucial|essential|vital|instrumental|significant(?:ly)?|professional(?:ly|ism)?|stable|stability"
    r"|different|improv(?:ed|ing)|weaken(?:ed|ing)|declin(?:ed|ing)|reassuring|positive(?:ly)?|negative(?:ly)?"
    r"|difficult|concern(?:s|ed|ing)?|threat|dangerous|effective(?:ly)?|successful(?:ly)?|key\s+role|need\s+for"
    r"|gaps?|resurgence|preparedness|most\s+\w+|largest|weakest|strongest)\b"
)
# A claim whose subject is the enemy judges the enemy's situation ("ISIS is trying to expand", "the group's
# activities have been reduced").
_ENEMY_SUBJECT = re.compile(
    r"(?i)^(?:the\s+)?(?:ISIS|IS|ISIL|Daesh|Islamic\s+State|(?:terrorist\s+|militant\s+|terror\s+)?"
    r"(?:group|organi[sz]ation)|militants|extremists)(?:['’]s)?\b"
)


_DEQUOTE = str.maketrans({'"': " ", "“": " ", "”": " "})
# "claimed the shooting": the object is an attack, so the claim is one of responsibility
_CLAIMED_ATTACK = re.compile(
    r"(?i)^claim(?:ed|s)\s+(?:the|a|an|this|that|its|last\s+\w+['’]s|\w+['’]s)?\s*(?:[\w-]+\s+){0,2}?"
    r"(?:attack|shooting|bombing|ambush|blast|killing|assassination|explosion|raid|strike|operation|kidnapping)s?\b"
)
# a party telling its own act: "(Hezbollah said) it fired rockets at", "its fighters targeted a gathering of", "(the
# forces said) drones had hit a depot"
_OWN_ACT = re.compile(
    r"(?i)^(?:it|its\s+(?:[\w-]+\s+)?(?:fighters|forces|troops|units|members|men|drones|aircraft|jets|artillery|air\s+force)"
    r"|our\s+(?:[\w-]+\s+)?(?:fighters|forces|troops|units|drones)|drones|fighters)\s+(?:had\s+|have\s+|has\s+)?"
    r"(?:also\s+)?(?:fired|targeted|attacked|struck|hit|ambushed|shelled|blew\s+up|shot\s+down|detonated|planted"
    r"|stormed|raided|bombed|destroyed)\b"
)
# a denial in what is said: "none of its members had died", "the claim was untrue", "such claims are baseless"
_DENIED = re.compile(
    r"(?i)^(?:none\s+of\b|no\s+(?:one|soldiers?|civilians?|members?|fighters?)\s+(?:was|were|had)\b)"
    r"|\b(?:was|were|is|are)\s+(?:\w+\s+)?(?:untrue|false|baseless|fabricated|unfounded|not\s+true)\b"
)
_REPORTED_BEFORE = re.compile(r"(?i)\b(?:which|who|said|says|say)\b")
_BLAME = re.compile(
    r"(?i)\b(?:blam(?:ed|es|ing)|accus(?:ed|es|ing)|held\s+(?:\w+\s+){1,3}?responsible"
    # an act put on someone: "the attack was carried out by gunmen believed to be loyal to a kingpin", "the group
    # believed to be behind the burning", "the rebels are to blame for", "the attackers were ADF fighters"
    r"|believed\s+to\s+(?:be\s+)?(?:behind|loyal\s+to|responsible|linked\s+to)|(?:are|is|were|was)\s+to\s+blame"
    r"|(?:attack|killing|killings|massacre|ambush|bombing)\s+was\s+carried\s+out\s+by"
    r"|^the\s+(?:attackers|assailants|gunmen|killers)\s+were\s+(?!killed|wounded|arrested)\w+)\b"
)
# Figures that are not casualties: animals, and "one of the dead was ...", which identifies a victim
_NOT_CASUALTY = re.compile(
    r"(?i)\b(?:sheep|goats|cattle|cows|camels|horses|donkeys|livestock|animals|dogs|birds|poultry)\b"
    r"|^one\s+of\s+(?:the|those)\s+(?:dead|killed|wounded|victims)"
)
# Judgement without a judgement verb: a modal of obligation or ability, a state of things
_JUDGEMENT = re.compile(
    r"(?i)\b(?:should|cannot|can\s+not|can['’]t|must|ought\s+to|needs?|needed|(?:prime|main|key|likely|easy|soft)\s+target"
    r"|at\s+risk|rare|rarely|increasingly\s+common|vulnerable|(?:shows?|showed)\s+(?:how|that)|proves?|reflects?|suggests?"
    r"|remains?\s+(?:a|an|at\s+large))\b"
)
# A count of the enemy's strength, not of its losses: "about 120 fighters are in the mountains"
_STRENGTH = re.compile(
    r"(?i)\b(?:\d[\d,]*|dozens|hundreds|scores|sixty|seventy|eighty|ninety|fifty|forty|thirty|twenty)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:fighters|militants|members|elements|jihadists|insurgents|cells)\b(?:[\s\"”]+(?:[\w-]+\s+){0,3}?)"
    r"(?:remain|remaining|left|active|at\s+large|still|hiding|hide|are\s+(?:in|hiding|based|active)|in\s+the"
    r"\s+(?:mountains|desert|hills|area|region|valley))\b"
    r"|(?i:\bthere\s+(?:are|were|remain)\s+[^.;]{0,30}?(?:fighters|militants|members|jihadists|insurgents)\b)"
)
# read over every claim: the lower-cased twins find the same matches faster
_STRENGTH_SCAN, _EVALUATIVE_SCAN, _JUDGEMENT_SCAN = Caseless(_STRENGTH), Caseless(_EVALUATIVE), Caseless(_JUDGEMENT)
_PRESENT_STATE = re.compile(r"(?i)\b(?:is|are|remains?|has\s+become|have\s+become|shows?|means?)\b")


def _casualty_in(content: str) -> bool:
    """Whether a figure of people killed, wounded or detained is the point of ``content``."""
    for match in _CASUALTY_SCAN.finditer(content):
        if not _NOT_CASUALTY.search(content[max(0, match.start() - 20) : match.end() + 20]):
            return True
    return False


def _kind(found: Frame, resolved: Speaker) -> ClaimKind:
    """The claim kind from the verb, the content and the claimant's role (see ``ClaimKind``)."""
    verb = found.verb.lower()
    said = f"{found.content} {found.quote or ''}"
    content = found.content.translate(_DEQUOTE)
    if re.search(r"(?i)\bclaim(?:ed|s)?\s+responsibility", said) or (verb == "claimed" and "responsib" in said):
        return ClaimKind.responsibility
    if verb in ("claimed", "claims") and _CLAIMED_ATTACK.match(content):
        return ClaimKind.responsibility
    if verb in (
        "denied", "denies", "disputed", "disputes", "rejected", "rejects", "dismissed", "dismisses", "questioned",
        "challenged",
    ):  # fmt: skip
        return ClaimKind.denial
    if verb in ("accused", "alleged", "blamed", "blames", "attributed", "attributes", "complained", "complains"):
        return ClaimKind.allegation
    if _BLAME.search(content):
        return ClaimKind.allegation  # "said the family blamed those who ...": the point is the blame
    denied = _DENIED.search(content)
    if denied and not _REPORTED_BEFORE.search(content, 0, denied.start()):
        return ClaimKind.denial  # not "..., which the military said was untrue": another's denial, reported
    if _OWN_ACT.match(content) and not _casualty_in(content.split(";")[0]):
        return ClaimKind.responsibility  # a party telling its own strike claims it (its toll, if any, told apart)
    if _casualty_in(content) or re.search(r"\b(?:toll|tally)\b", verb):
        return ClaimKind.casualty_figure
    if verb.startswith("put") or _STRENGTH_SCAN.search(content):
        return ClaimKind.assessment  # "put the number at about 120", "no more than 60 fighters": strength estimates
    if _ASSESS_VERB.match(verb) or re.search(r"(?i)\b(?:believes?|estimat\w+)\b", found.content):
        return ClaimKind.assessment
    if verb in _ANNOUNCE_VERBS:
        return ClaimKind.statement  # an announcement of one's own plans or acts: "announced forces will launch"
    if verb in _SAY_FORECAST and _FORECAST.search(found.content):
        return ClaimKind.forecast
    if (
        _EVALUATIVE_SCAN.search(said)
        # a judgement in the claim's one point; "X happened and that Y must be done" reports first
        or (_JUDGEMENT_SCAN.search(found.content) and " and that " not in found.content)
        or (verb in ("say", "says") and _PRESENT_STATE.search(found.content))
        or _ENEMY_SUBJECT.match(found.content)
        or _ASSESS_ROLE.search(resolved.role or "")
        or _ASSESS_ROLE.search(resolved.name)
    ):
        return ClaimKind.assessment
    return ClaimKind.statement
