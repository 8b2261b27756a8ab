"""Attribution, an annotation every extractor may read: who says what in a sentence, read once per document.

* :mod:`.speakers`: the reporting verbs (from the lexicon) and speaker shapes, and the claimant parser that
  splits a speaker into name and role;
* :mod:`.frames`: the attribution frames of one sentence (whose records show, a cited release, "according to",
  a quotation first, the content first with the speaker at the end, the subject first), each with the clause it
  covers, and the resolution of pronouns, surnames and definite titles to the speakers named before;
* :mod:`.reading`: the frames of a whole document, sentence by sentence, speakers resolved
  (``Document.attribution`` holds them, computed once);
* :mod:`.sources`: who reports a sentence's figures (a casualty figure's ``reported_by``): still a reader of its
  own beside the frames, to be merged with them.

It imports no extractor (import contract in ``pyproject.toml``); the claims extractor builds its claims on the
frames, the casualty extractor reads the sources.
"""

from summarizer.backends.rules.attribution.frames import direct_quotes, find_in_sentence
from summarizer.backends.rules.attribution.reading import read_frames
from summarizer.backends.rules.attribution.sources import (
    best_of_group,
    claim_covers,
    contrast_at,
    person_in,
    reported_by,
)
from summarizer.backends.rules.attribution.speakers import Frame, Speaker, parse_claimant, strip_speech

__all__ = [
    "Frame",
    "Speaker",
    "best_of_group",
    "claim_covers",
    "contrast_at",
    "direct_quotes",
    "find_in_sentence",
    "parse_claimant",
    "person_in",
    "read_frames",
    "reported_by",
    "strip_speech",
]
