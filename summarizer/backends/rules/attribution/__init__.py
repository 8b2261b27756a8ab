"""Attribution, an annotation every extractor may read: who says what in a sentence, read once per document.

* :mod:`.speakers`: the reporting verbs (from the lexicon) and speaker shapes, and the claimant parser that
  splits a speaker into name and role;
* :mod:`.frames`: the attribution frames of one sentence (whose records show, a cited release, "according to",
  a quotation first, the content first with the speaker at the end, the subject first), each with the clause it
  covers, and the resolution of pronouns, surnames and definite titles to the speakers named before;
* :mod:`.reading`: the frames of a whole document, sentence by sentence, speakers resolved and their
  organisations read (``Document.attribution`` holds them, computed once);
* :mod:`.sources`: who reports a figure, a small selection over the frames of its sentence (a casualty figure's
  ``reported_by``: the speaker of the frame whose clause and content hold the figure).

One reader: every reporting verb and speaker shape lives in :mod:`.speakers` (verbs from the lexicon). It imports
no extractor (import contract in ``pyproject.toml``); the claims extractor builds its claims on the frames, the
casualty extractor takes its figures' sources from the same frames.
"""

from summarizer.backends.rules.attribution.frames import direct_quotes, find_in_sentence
from summarizer.backends.rules.attribution.reading import read_frames
from summarizer.backends.rules.attribution.sources import figure_source, speaking_spans
from summarizer.backends.rules.attribution.speakers import (
    Frame,
    Speaker,
    parse_claimant,
    speaker_organisation,
    strip_speech,
)

__all__ = [
    "Frame",
    "Speaker",
    "direct_quotes",
    "figure_source",
    "find_in_sentence",
    "parse_claimant",
    "read_frames",
    "speaker_organisation",
    "speaking_spans",
    "strip_speech",
]
