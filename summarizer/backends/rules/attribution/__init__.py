"""Attribution, an annotation every extractor may read: who says what in a sentence.

* :mod:`.speakers`: the reporting verbs (from the lexicon) and speaker shapes, and the claimant parser that
  splits a speaker into name and role;
* :mod:`.frames`: the attribution frames of one sentence (whose records show, a cited release, "according to",
  a quotation first, the content first with the speaker at the end, the subject first) and the resolution of
  pronouns, surnames and definite titles to the speakers named before.
* :mod:`.sources`: who reports a sentence's figures (a casualty figure's ``reported_by``): still a reader of its
  own beside the frames, to be merged with them.

It imports no extractor (import contract in ``pyproject.toml``); the claims extractor builds its claims on the
frames, the casualty extractor reads the sources.
"""
