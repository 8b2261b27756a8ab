"""Claimants: one person under two transliterations is one claimant; two people stay two."""

from __future__ import annotations

from summarizer.articles import make_article
from summarizer.briefing import BriefingInput, build_briefing
from summarizer.models import ClaimKind

from .test_briefing import claim, extraction


def _claimants(*speakers: str) -> list[str]:
    text = " ".join(f"{who} said the area was calm." for who in speakers)
    art = make_article(text, "claims.txt", {"published": "2025-03-20"})
    claims = [claim(text, f"cl{i}", f"{who} said the area was calm", who, ClaimKind.statement, "The area is calm.")
              for i, who in enumerate(speakers, 1)]
    return sorted(g.claimant for g in build_briefing(BriefingInput([extraction(art, claims=claims)], {})).claimants)


def test_transliteration_variants_are_one_claimant() -> None:
    assert _claimants("Yehia Rasool", "Brigadier General Yahya Rasool") == ["Brigadier General Yahya Rasool"]
    assert _claimants("Mostafa al-Kadhimi", "Mustafa Kadhimi") == ["Mostafa al-Kadhimi"]


def test_different_people_with_a_shared_name_stay_apart() -> None:
    assert _claimants("Ahmed Hassan", "Ahmed Hussein") == ["Ahmed Hassan", "Ahmed Hussein"]
