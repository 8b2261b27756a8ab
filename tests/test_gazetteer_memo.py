"""The gazetteer's memo of recent look-ups: the same answers as a fresh search, copies the caller may change,
a bound on what it keeps, and one memo per view (a view binds generic nouns differently)."""

from __future__ import annotations

from summarizer import gazetteer as gz
from summarizer.gazetteer import default_gazetteer

TEXT = "Al-Shabaab militants attacked an army base near Kismayo on Monday, a Somali military officer said."


def test_memo_answers_like_a_fresh_search() -> None:
    view = default_gazetteer().localized("SO", None)
    assert view.find_actors(TEXT) == view._find_actors(TEXT)
    assert view.find_places(TEXT) == view._find_places(TEXT)
    assert [m.text for m in view.find_places(TEXT)] == ["Kismayo"]


def test_memo_hands_out_copies() -> None:
    view = default_gazetteer().localized("SO", None)
    first = view.find_actors(TEXT)
    assert first
    first.clear()
    assert view.find_actors(TEXT) == view._find_actors(TEXT) != []


def test_memo_is_bounded() -> None:
    view = default_gazetteer().localized("KE", None)
    for i in range(gz._MEMO_SIZE + 10):
        view.find_actors(f"Patrol {i} met Kenyan soldiers in Garissa.")
    assert len(view._found) == gz._MEMO_SIZE
    assert ("actors", "Patrol 0 met Kenyan soldiers in Garissa.") not in view._found  # the oldest went first


def test_each_view_has_its_own_memo() -> None:
    base = default_gazetteer()
    text = "Government forces repelled the militants."
    somalia, mali = base.localized("SO", None), base.localized("ML", None)
    assert somalia.find_actors(text)[0].entry.canonical == "Somali National Army"
    assert mali.find_actors(text)[0].entry.canonical == "Malian Armed Forces"  # not the Somali view's answer
