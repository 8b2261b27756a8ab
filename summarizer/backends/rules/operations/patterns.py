"""Operations: the trigger families and the patterns around them (kinds, names, phases, speech), and the
candidate and result types the readers share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from summarizer import lexicon
from summarizer.backends.rules.dates import DatePhrase
from summarizer.gazetteer import ActorEntry, Mention
from summarizer.models import (
    ActorCategory,
    Operation,
    OperationKind,
    OperationStatus,
)
from summarizer.sentences import Sentence

_K = OperationKind

# Trigger families, most specific first; the first family that matches a sentence wins.
_TRIGGERS: list[tuple[OperationKind, re.Pattern[str]]] = [
    (
        _K.airstrike,
        re.compile(
            r"(?i)\b(?:air\s*-?\s*strikes(?=[a-z])|air\s*-?\s*strikes?|strikes?(?=\s+(?:killed|destroyed|hit|left|neutrali[sz]ed|eliminated))|strikes?(?=,?\s+(?:on|against)\s+(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)(?:the\s+|an?\s+)?[\w-])|air\s+raids?|drone\s+strikes?|aerial\s+(?:bombardments?|strikes?)"
            r"|(?:warplanes|air\s+force|jets?|aircraft|drones?|aviation|F-1[56]s|F-35s|helicopters|gunships|bombers|Typhoons|Tornados"
            r"|paragliders?"
            r"|Rafales|Sukhois|B-52s|Reapers|Apaches)"
            r"(?:\s+and\s+(?:[\w-]+\s+){0,2}?(?:helicopters|gunships|jets|drones|warplanes|aircraft))?"
            r"\s+(?:also\s+)?(?:(?:had|have|has)\s+)?(?:struck|bombed|pounded|hit|targeted|shelled|destroyed|strafed|rocketed"
            r"|killed))\b"
            # remote strikes told by their weapons: "a missile strike on apartment blocks", "aircraft dropped two
            # guided bombs", "launched 143 attack drones and six ballistic missiles at", "hit the city with drones and
            # ballistic missiles", "carried out strikes on positions"
            r"|(?i:\b(?:missile|drone|rocket)\s+strikes?\b"
            r"|\b(?:aircraft|warplanes?|jets?|helicopters?|planes?|drones?|paragliders?)\s+(?:also\s+)?dropped\b"
            # "a bombing raid on a village clinic", "bombing runs over the township"
            r"|\bbombing\s+(?:raids?|runs?|sorties?)\b"
            # bombs only aircraft drop: "a glide bomb attack on the industrial district", "guided aerial bombs"
            r"|\b(?:glide|guided\s+aerial)\s+bombs?\b"
            # a remote strike told as an attack: "a Russian missile and drone attack on the city" (a drone attack alone
            # is as often an armed group's)
            r"|\bmissile\s+and\s+drone\s+attacks?\b|\bdrone\s+and\s+missile\s+attacks?\b"
            # "a drone operated by the national army struck a minibus"
            r"|\bdrones?\s+(?:operated|flown)\s+by\s+(?:the\s+)?(?:[\w'’()-]+\s+){1,6}?"
            r"(?:struck|hit|bombed|targeted)\b"
            r"|\b(?:explosives|bombs|grenades|munitions)\s+dropped\s+(?:from|by)\s+(?:an?\s+)?(?:[\w-]+\s+)?drones?\b"
            r"|\blaunch(?:ed|es)\s+(?:[\d,]+\s+|dozens\s+of\s+|hundreds\s+of\s+)?(?:[\w-]+\s+){0,2}?(?:drones|missiles)\b"
            r"(?=[^.;]{0,60}\b(?:at|on|against|towards|toward|into)\b)"
            r"|\b(?:hit|struck|pounded|targeted|attacked)\s+(?:[\w'’-]+\s+){0,4}?with\s+(?:[\w-]+\s+){0,3}?"
            r"(?:drones|missiles|rockets|guided\s+bombs|bombs|airstrikes)\b"
            r"|\bcarried\s+out\s+(?:[\w-]+\s+){0,2}?strikes\b"
            # air forces' own words: "conducted air interdiction missions on a camp", "close air support"
            r"|\bair\s+interdictions?\b|\bclose\s+air\s+support\s+(?:missions?|strikes?|sorties?)\b)"
        ),
    ),
    (_K.ambush, re.compile(r"(?i)\bambush(?:ed|ing)?\b")),
    (
        _K.bombing,
        re.compile(
            r"(?i)\b(?:suicide\s+(?:bomb(?:ing|er)|attack|blast)|car\s+bomb(?:ing)?|roadside\s+bomb|(?:improvised\s+)?"
            r"explosive\s+device|IEDs?|blew\s+(?:himself|herself|themselves)\s+up|bomb(?:ing)?(?![-\s]?makers?\b)|(?:bomb\s+)?blast(?!\s+(?:injuries|injury|wounds|trauma|victims))"
            r"|explosion|detonated|landmine)\b"
        ),
    ),
    # "police launched raids across the city": raids a force launched, not a tally's "in raids"
    # ("have launched several raids and operations" is a record, not an event)
    (
        _K.raid,
        re.compile(
            r"(?i)\b(?:raid(?:ed)?|stormed|(?:launched|conducted|carried\s+out|mounted)\s+"
            r"(?!(?:several|many|numerous|multiple|dozens|scores|hundreds|a\s+series|repeated|frequent)\b)"
            r"(?:[\w-]+\s+){0,2}?raids"
            # "special forces and police surrounded a private house where gunmen were hiding"
            r"|(?:surrounded|cordoned\s+off|encircled|besieged)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:house|building"
            r"|hideout|compound|apartment|flat|farmhouse|home|safe\s+house)"
            # South Asian forces' word for a raid on a village: "a cordon and search operation (CASO)"
            r"|cordon[\s-]+and[\s-]+search)\b"
        ),
    ),
    (
        _K.clearance,
        re.compile(
            r"(?i)\b(?:(?:clearance|clearing|cleansing|sweep(?:ing)?|combing|mop-?up)\s+"
            r"(?:operation|campaign|mission)|swept|sweep|combed"
            r"|destr(?:oy|oyed|oying|uction\s+of)\s+(?:\w+\s+){0,2}(?:hideouts?|shelters?|tunnels?|dens|caves?|bases?|camps?))\b"
        ),
    ),
    (
        _K.arrest,
        re.compile(
            r"(?i)\b(?:arrest(?:ed)?\s+(?:campaign|operation)|arrested|detained|apprehended|rounded\s+up"
            # "announced the arrest of three men", "captured an ISIS member", "were caught at a checkpoint"
            r"|arrests?\s+of|(?:were|was)\s+caught(?=\s+(?:at|by|while|trying|hiding|near|with|red-handed))"
            r"|captured\s+(?:an?\s+|the\s+|\w+\s+)?(?:[\w/-]+\s+){0,2}?(?:members?|suspects?|leaders?|officials?"
            r"|militants?|fighters?|emirs?|commanders?|operatives?)"
            r"|dismantl(?:ed|ing)\s+(?!of\b)(?:\w+\s+){0,2}(?:cells?|networks?))\b"
        ),
    ),
    (
        _K.clash,
        re.compile(
            rf"(?i)\b(?:{lexicon.alternation('clash_words')}"
            # fighting told as an event, not as a word for the war: "fighting broke out in September 2024", "since the
            # army began fighting the militia", "the ceasefire ended more than a year of fighting"
            r"|fighting\s+(?:(?:in|between|around|near)\s+(?:[\w-]+\s+){1,3}?)?(?:broke\s+out|erupted|flared(?:\s+up)?)"
            # "Fighting between rebels of the 3R group and soldiers left 15 dead", "a battle between rival gangs"
            r"|(?:fighting|battle|battles|gunbattle|fight|fights)\s+between\s+(?:(?:[\w'’-]+\s+){1,8}?and\b"
            r"|(?:rival|two|opposing|warring)\s+(?:armed\s+)?(?:gangs|groups|factions|militias|clans|forces)\b)"
            r"|(?:began|started)\s+fighting"
            # a border crossing fought off: "foiled an infiltration bid", "an infiltration attempt along the LoC"
            r"|infiltration\s+(?:bids?|attempts?)|(?:foiled|thwarted|repulsed)\s+(?:an?\s+|the\s+)?infiltration"
            r"|(?:trying|attempting|attempted|tried|sought)\s+to\s+infiltrate(?!\s+(?:the|a|an|their|its)\s+(?:[\w'’-]+\s+){0,3}?"
            r"(?:base|camp|post|location|position|barracks|town|village)s?\b)"
            r"|challenged\s+(?:an?\s+(?:group|band)\s+of\s+)?(?:infiltrators|intruders)"
            # "armed followers of two commanders fought over a stretch of farmland", "the two clans fought each other"
            r"|fought\s+(?:each\s+other|one\s+another|over\s+(?:a|an|the)\b|for\s+control\s+of)"
            r"|(?:years?|months?|weeks?|days?)\s+of\s+fighting)\b"
        ),
    ),
    (
        _K.attack,
        re.compile(
            r"(?i)\b(?:attack(?:ed|s)?|assault(?:ed|s)?(?!\s+(?:rifles?|weapons?|guns?|vehicles?|boats?|craft|course))"
            r"|offensive|opened\s+fire|overr(?:an|un|unning)\b(?!\s+by)|targeted\s+(?:a|an|the)"
            r"|invad(?:ed|ing)\s+(?:a|an|the)\s+|shot\s+at\s+(?:a|an|the)\s+"
            # "an unidentified man threw a grenade at a police outpost"
            r"|(?:threw|hurled|lobbed|tossed)\s+(?:an?\s+|two\s+|three\s+)?(?:hand\s+)?grenades?\s+(?:at|into|on)\b"
            # a killing told by its manner: "insurgents beheaded five men", "hacked to death", "burned alive"
            r"|behead(?:ed|ing)|decapitated|hacked\s+(?:\w+\s+)?to\s+death|burn(?:ed|t)\s+alive"
            r"|fired\s+(?:on|at|upon)|kidnapp(?:ed|ing)|abduct(?:ed|ing)"
            # loan phrasing in translation (Spanish "agresión", French "agression"): "an armed aggression against
            # elements of the army", "repelled the aggression"; forces "came under fire"
            r"|(?:armed\s+)?aggression(?=\s+(?:against|on)\b)|(?:an|the)\s+armed\s+aggression|repelled\s+the\s+aggression"
            r"|came\s+under\s+(?:heavy\s+)?(?:fire|attack)"
            # a suicide bomber told by what he did is a bombing, below; attackers who burned a place attacked it
            rf"|(?:{lexicon.alternation('attacker_nouns')})\s+(?:also\s+)?(?:set\s+fire\s+to|torched|burned\s+down"
            r"|burnt\s+down|looted)"
            # an attack told only through its victims: "was killed by a sniper", "were shot dead in an orchard"
            r"|shot\s+dead|gunned\s+down|shot\s+and\s+killed|sniper(?:\s+(?:fire|attack|shot))?"
            # a killing told as a crime ("a social leader was murdered by armed men"), a raid into a place
            # ("an incursion by the ADF rebels into the village of")
            r"|(?:was|were)\s+(?:murdered|assassinated)|assassinat(?:ed|ion\s+of)|incursions?\s+(?:by|into|on)"
            r"|(?:gunmen|militants|attackers|assailants)\s+killed"
            r"|(?:mortar|rocket)\s+(?:fire|rounds?|shells?)|shelling|artillery\s+(?:fire|strikes?|shells?)"
            # a rocket or shell told by where it fell: "a rocket hit a street in Kiryat Shmona"
            r"|(?:rockets?|shells?|mortars?|missiles?)\s+(?:also\s+)?(?:hit|struck|landed|slammed|fell)"
            # weapons a group fired: "drones fired by the Houthis struck the town"
            r"|(?:rockets?|missiles?|drones?)\s+(?:fired|launched)\s+by\s+(?:the\s+)?(?:[\w'’-]+\s+){1,3}?"
            r"(?:also\s+)?(?:hit|struck|slammed\s+into)"
            # hostage-taking: "took a pilot hostage", "were taken hostage"
            r"|t(?:ook|aken)\s+(?:[\w'’-]+\s+){0,4}?hostages?"
            # a massacre or executions told as such: "rebels executed 12 civilians", "the massacre of 30 villagers"
            r"|massacr(?:e|ed)|execut(?:ed|ing)\s+(?:at\s+least\s+)?(?:\d+|[a-z]+)\s+(?:[\w-]+\s+)?(?:civilians|people"
            r"|villagers|men|residents|hostages|prisoners|farmers|captives))\b"
        ),
    ),
    (
        _K.operation,
        re.compile(
            r"(?i)\b(?:operations?|campaign|offensive|retook|retaken|recaptured|reclaimed|liberated"
            # a battle for a place is an offensive: "the 2016 battle to retake Fallujah", "the battle for Mosul"
            r"|battle\s+(?:to\s+(?:retake|recapture|liberate|free|reclaim|take|capture)|(?:for|of)\s+(?:the\s+)?(?=\w))"
            r"|(?:seized|gained|took)\s+control"
            # ground lost: "fell under ISIS control", "the first province to fall largely under ISIS control"
            r"|f[ae]ll(?:s|en)?\s+(?:\w+ly\s+)?under\s+(?:[\w-]+\s+){0,2}?control)\b"
        ),
    ),
]
# The attackers of a story told through what they did to their victims ("bandits abducted 23 passengers", "jihadists
# stormed the village"): an attack only when the sentence has no other trigger. "Killed" alone stays with the four
# nouns of the attack family: "fighters killed seven farmers, residents said" is often the retelling of an attack
# another sentence names.
ATTACKERS_TOLD = re.compile(
    rf"(?i)\b(?:{lexicon.alternation('attacker_nouns')})\s+(?:also\s+)?(?:abducted|kidnapped|stormed|massacred|invaded"
    r"|entered\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:village|town|locality|community|camp|settlement)|descended\s+on"
    r"|swept\s+into)\b"
)
# The attackers of a story told through whom they killed ("Maoists killed a villager on Sunday night", "gang members
# killed at least 115 people in the town"): an attack when the sentence has no other trigger and the dead are
# civilians, counted, also when the group is named after the noun ("members of the X group killed ..."). Only the
# nouns of ``killer_nouns``: with the generic attacker nouns ("fighters killed seven
# farmers, residents said") the sentence is often the retelling of an attack another sentence or article names.
KILLERS_TOLD = re.compile(
    rf"(?i)\b(?:{lexicon.alternation('killer_nouns')})\s+"
    # "Members of the terrorist group OLA-Shene killed at least 20 civilians": the group named after the noun
    r"(?:of\s+(?:the\s+)?(?:[\w'’-]+\s+){1,5}?)?"
    r"(?:(?:also|had|have|then|reportedly)\s+)*(?:killed|beheaded|hacked\s+to\s+death|shot\s+dead|massacred)\s+"
    r"(?:at\s+least\s+|about\s+|some\s+|more\s+than\s+|over\s+)?(?:an?|one|two|three|four|five|six|seven|eight"
    r"|nine|ten|eleven|twelve|\d[\d,]*|dozens\s+of|scores\s+of|several)\s+(?:[\w-]+\s+){0,3}?"
    rf"(?:{lexicon.alternation('killed_victim_nouns')})\b"
)
# A force told through what it did to its enemy ("troops neutralised 19 terrorists, arrested 27 collaborators"): the
# force's operation, when the sentence has no other trigger.
_FORCE_SUBJECT = (
    rf"\b(?:{lexicon.alternation('force_nouns')})\s+(?:of\s+(?:the\s+)?(?:[\w-]+\s+){{0,5}}?)?"
    # a force and its auxiliaries: "soldiers and allied militia killed ...", "troops and vigilantes neutralised ..."
    rf"(?:and\s+(?:(?:allied|pro-government|local|their|its)\s+)?(?:{lexicon.alternation('auxiliary_nouns')})\s+)?"
    r"(?:have\s+|had\s+|has\s+)?(?:also\s+)?"
)
_COUNT_AHEAD = r"(?:at\s+least\s+|about\s+|over\s+|more\s+than\s+|some\s+)?"
FORCES_TOLD = re.compile(
    rf"(?i){_FORCE_SUBJECT}(?:{lexicon.alternation('force_outcome_verbs')})\s+(?={_COUNT_AHEAD}"
    r"(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|scores|several|a\s|an\s))"
)
_CIVILIAN_VICTIMS = lexicon.alternate(
    w for w in lexicon.entries("killed_victim_nouns") if w.lower() not in lexicon.words("unmarked_victim_nouns")
)
# A force told through the civilians it killed ("soldiers and allied militia killed at least 21 civilians", "troops
# massacred 30 villagers"): violence against civilians, an attack, not the force's operation against its enemy.
FORCES_ON_CIVILIANS = re.compile(
    rf"(?i){_FORCE_SUBJECT}(?:{lexicon.alternation('force_outcome_verbs')}|massacred|executed|summarily\s+executed)\s+"
    rf"{_COUNT_AHEAD}(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens\s+of|scores\s+of"
    rf"|several)\s+(?:unarmed\s+|innocent\s+)?(?:{_CIVILIAN_VICTIMS})\b"
)
# A force told through what it did to its enemy without a count ("the army said it had dislodged jihadists from
# their positions", "soldiers intercepted a convoy of fighters"): the force's operation, when nothing else triggers.
FORCES_ACTED = re.compile(
    rf"(?i)\b(?:{lexicon.alternation('force_nouns')}|it|they)\s+(?:(?:have|had|has|also|reportedly|were)\s+)*"
    rf"(?:{lexicon.alternation('force_action_verbs')}"
    # "Rwandan forces deployed from their base to pursue the attackers": a pursuit
    r"|(?:deployed|dispatched|moved|sent)\s+(?:[\w'’-]+\s+){0,6}?to\s+(?:pursue|hunt(?:\s+down)?|track(?:\s+down)?"
    r"|chase|flush\s+out|search\s+for))\b"
    # ... whose object is the enemy or its ground: "intercepted a convoy of fighters", "dislodged jihadists"
    rf"(?=\s+(?:[\w'’-]+\s+){{0,4}}?(?:{lexicon.alternation('attacker_nouns')}|convoys?|positions?|camps?|hideouts?"
    r"|bases?|cells?|elements|members|group|strongholds?|enemy)\b)"
)
# "launched air and ground assaults against": a plural noun that one launch verb makes one event
_LAUNCHED_BEFORE = re.compile(rf"(?i)\b(?:{lexicon.alternation('launch_verbs')})\s+(?:[\w-]+\s+){{0,4}}$")
_PLURAL_ATTACK = re.compile(
    r"(?i)\b(?:attacks|assaults|bombings|ambushes|explosions|blasts|offensives|clashes|raids)\b"
)
# Habitual or trend frames: a description of tactics, not an event.
_GENERIC = re.compile(
    r"(?i)\b(?:engag(?:es|ed|ing)\s+in|tactics|(?:has|have)\s+(?:been\s+)?carr(?:ied|y)\s+out\s+(?:regular|frequent|many|"
    r"several|numerous|dozens|hundreds|\d+)|regular(?:ly)?|frequent(?:ly)?|increase\s+in|surge\s+in|rise\s+in|wave\s+of"
    r"|series\s+of|threat\s+of|risk\s+of|capable\s+of|hit-and-run"
    # a tally of a history: "has been attacked by the group many times"
    r"|(?:many|several|numerous|countless|dozens\s+of|\d+)\s+times|repeatedly"
    # a breakdown of a tally: "Most were harassment: shots fired at posts, ..."
    r"|(?:most|many|some|all|none|the\s+rest)\s+(?:of\s+them\s+)?were\s+(?!killed|wounded)\w+\s*:)"
)
_LAUNCH = re.compile(
    r"(?i)\b(?:launch(?:ed|es|ing)?|initiat(?:ed|es)|beg[au]n|begins|kick(?:ed|s)\s+off|start(?:ed|s)|commenc(?:ed|es|e)"
    r"|conduct(?:ed|s)?|carr(?:ied|ies)\s+out|undert(?:ook|aken|akes)|intensifi(?:ed|es)|completed|conclud(?:ed|es)"
    r"|resum(?:ed|es)|continu(?:ed|es)|(?:dispatched|deployed|sent)\s+(?:[\w-]+\s+){0,2}?(?:for|on))\b"
)
_PLANNED = re.compile(
    r"(?i)\b(?:will\s+(?:launch|begin|start|commence|conduct|carry\s+out)|(?:plans?|planning|set|due|scheduled|expected|"
    r"anticipated|prepar(?:es|ing|ed))\s+to\s+(?:launch|begin|start|commence|conduct|carry\s+out)|to\s+launch)\b"
)
_EVENT_VERB = re.compile(
    r"(?i)\b(?:launch(?:ed|es)?|carr(?:ied|ies)\s+out|conduct(?:ed|s)?|target(?:ed|ing|s)|kill(?:ed|ing|s)|hit|struck"
    r"|destroy(?:ed|ing)|pound(?:ed|ing)|wound(?:ed|ing)|injur(?:ed|ing))\b"
)
_ANNOUNCE = re.compile(r"(?i)\b(?:announc(?:ed|es)|declar(?:ed|es)|unveil(?:ed|s))\b")
_COMPLETED = re.compile(r"(?i)\b(?:completed|concluded|ended|wrapped\s+up|finished)\b")
_ONGOING = re.compile(r"(?i)\b(?:ongoing|under\s*way|continu(?:es|ing)|is\s+being|are\s+being|still)\b")
# "the attack", "both attacks", "Sunday's air strike": an event told again
_ANAPHOR = re.compile(
    r"(?i)\b(?:the|this|its|their|his|our|these|both|(?:mon|tues|wednes|thurs|fri|satur|sun)day['’]s|yesterday['’]s)\s+"
    r"(?:[\w-]+\s+){0,3}$"
    # "that clash", "those attacks": a demonstrative right before the event word (not "said that gunmen attacked")
    r"|\b(?:that|those)\s+$"
)
_INDEFINITE = re.compile(r"(?i)\b(?:a|an|another|new)\s+(?:[\w-]+\s+){0,3}$")
_CLASH_EVENT = re.compile(r"(?i)\b(?:broke\s+out|erupted|flared|ensued|kill(?:ed|ing)|left|launched|carried\s+out)\b")
_MILITANT_WORD = re.compile(r"(?i)\b(?:ISIS|ISIL|IS|Daesh|Islamic\s+State|militants?|jihadists?|the\s+group)\b")
_SEIZE = re.compile(r"(?i)(?:seized|gained|took)\s+control|f[ae]ll(?:s|en)?\s+.*control")
_CLEAR_PURPOSE = re.compile(r"(?i)\s+(?:[\w-]+\s+){0,6}?to\s+(?:clear|clean|cleanse|purge|sweep|comb|search)\b")
_SAFE_DETONATION = re.compile(
    r"(?i)\bcontrolled\s+(?:detonation|explosion)|\bdetonated\s+(?:them\s+)?(?:under\s+control|safely|in\s+a\s+controlled)"
    r"|\b(?:defused|dismantled|disposed\s+of)\b"
    # a remnant of a past war going off is an accident, not an attack
    r"|\b(?:remnants?\s+of\s+war|left\s+(?:over\s+)?from\s+the\s+war|unexploded|war\s+remnants?|old\s+(?:mine|shell))"
)
_RECENT = re.compile(r"(?i)\b(?:recent(?:ly)?|previous(?:ly)?|earlier|past)\s+(?:[\w-]+\s+){0,2}$")
_DETERMINED = re.compile(r"(?i)\b(?:an?|the|this|that|its|their|another|deadly|latest)\s+(?:[\w'’-]+\s+){0,4}$")
_QUANTIFIED = re.compile(
    r"(?i)\b(?:several|many|numerous|regular|frequent|dozens\s+of|hundreds\s+of|some)\s+(?:[\w-]+\s+){0,2}$"
    # a record counted: "has carried out more than 20 air strikes this year", "conducted 14 raids since January"
    r"|\b(?:(?:more\s+than|over|at\s+least|nearly|almost)\s+\d+|(?:carried\s+out|conducted|launched|staged|mounted)"
    r"\s+\d+)\s+(?:[a-z][\w-]*\s+){0,2}$"
)
# what a side could do, not what it did: "the intent and the capability to attack U.S. forces"
CAPABLE_OF = re.compile(
    r"(?i)\b(?:capability|capabilities|capacity|intent|intention|ability|means|readiness|threat|plans?|plotting)"
    r"\s+to\s+$"
)

# Names: "dubbed: 'X'", "code-named X", "the 'X' operation", "Operation X".
_QUOTE_OPEN = "\"“‘'"
_QUOTE_CLOSE = "\"”’'"
NAMING_WORDS = r"(?:dubbed|code-?named|named|called|calls|call|titled|known\s+as)"
_NAME_PATTERNS = [
    re.compile(rf"(?<!so-)(?<!so\s)(?i:{NAMING_WORDS})\s*:?\s*[\"“‘']([^\"”’']{{2,80}}?)[,.]?[\"”’']"),
    re.compile(r"(?i:dubbed|code-?named)\s*:?\s*((?:[A-Z][\w'-]*)(?:\s+(?:of|for|the|and|al-)?\s*[A-Z][\w'-]*){0,5})"),
    re.compile(
        r"[\"“‘]([^\"”’]{2,60}?)[,.]?[\"”’]\s+(?:(?:military|security|joint|army|anti-ISIS|large|major)\s+){0,2}"
        r"(?i:operations?|campaign|offensive)"
    ),
    re.compile(r"\bOperation\s+[\"“‘]([^\"”’]{2,60}?)[,.]?[\"”’]"),  # Operation "Swords of Truth"
    re.compile(r"\bOperation\s+((?:[A-Z][\w'-]*)(?:\s+(?:of|for|the|al-)?\s*[A-Z][\w'-]*){0,4})"),
]
_PHASE = re.compile(
    r"(?i)\b((?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|final|last|next|new|\d+(?:st|nd|rd|th))"
    r"\s+(?:phase|stage)|(?:phase|stage)\s+(?:one|two|three|four|five|six|\d+))\b"
)
# A body that only speaks about the event: "X said", "according to X", "told X".
_SPEECH_AFTER = re.compile(
    r"^\W{0,3}(?:[\w'’-]+\s+){0,2}?(?:said|says|told|announced|stated|reported|added|noted|tweeted|confirmed|claimed"
    r"|revealed|denied|explained|stressed)\b"
)
_SPEECH_BEFORE = re.compile(
    r"(?i)(?:according\s+to|told|cited|quoted|statement\s+from|report\s+from|(?:information|intelligence|tip)\s+from)"
    r"\s+(?:the\s+)?$"
)

_FORCE_CATEGORIES = {
    ActorCategory.state_forces,
    ActorCategory.kurdish_forces,
    ActorCategory.paramilitary,
    ActorCategory.coalition,
}
_MILITANT_KINDS = {_K.attack, _K.ambush, _K.bombing}
_OPERATION_LIKE = {_K.operation, _K.clearance}


@dataclass
class _Candidate:
    sentence: Sentence
    kind: OperationKind
    trigger: re.Match[str]
    name: str | None = None
    phase: str | None = None
    status: OperationStatus = OperationStatus.unknown
    by: list[ActorEntry] = field(default_factory=list)
    against: list[ActorEntry] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)
    date: DatePhrase | None = None
    background: bool = False
    anaphoric: bool = False
    weapon: bool = False  # told by the weapon named again ("the drone hit the water point"): any strike or attack
    current: bool = False  # dated by a round-up's heading or told as "separately": never the lead's context


@dataclass
class OperationResult:
    """Operations found in an article and, for each, the sentence index (to link claims and casualties)."""

    operations: list[Operation]
    sentence_of: dict[str, list[int]]  # operation id -> indices of sentences that mention it

    def operation_of_sentence(self) -> dict[int, str]:
        """The sentence-to-operation map other extractors read: sentence index -> the first operation it mentions."""
        out: dict[int, str] = {}
        for op_id, indices in self.sentence_of.items():
            for index in indices:
                out.setdefault(index, op_id)
        return out


# All families in one pattern, in rank order: one scan finds the earliest trigger, and at one position the
# first (most specific) family wins ("clearance operation" before "operation").
# every trigger opens on a word boundary: tested once per position instead of once per trigger family
assert all(pattern.pattern.removeprefix("(?i)").startswith(r"\b") for _, pattern in _TRIGGERS)
_ALL_TRIGGERS = re.compile(
    r"\b(?:"
    + "|".join(
        f"(?P<t{rank}>{pattern.pattern.removeprefix('(?i)').removeprefix(chr(92) + 'b')})"
        for rank, (_, pattern) in enumerate(_TRIGGERS)
    )
    + ")",
    re.IGNORECASE,
)


_SHARE_OF_TALLY = re.compile(
    r"(?i)\b(?:many|most|some|all|several|thousands|hundreds|dozens|half|none)\s+of\s+(?:them|whom)\s+"
    r"(?:(?:were|was|had|have|been|being)\s+)*$"
)
_TIME_REFERENCE = re.compile(
    r"(?i)\b(?:after|following|since|before|in\s+(?:response|retaliation|reprisal|revenge)\s+(?:to|for)|to\s+avenge)"
    r"\s+(?:the|this|that|its|their|last\s+\w+['’]s)\s+(?:[\w-]+\s+){0,2}$"
)
