"""Provinces by the names reporters write (``summarizer/data/province_names.yaml``), not only pycountry's: "Amhara" is
pycountry's "Amara", "Kharkiv Oblast" its "Kharkivska oblast"."""

from __future__ import annotations

import pycountry
import pytest

from summarizer import geo
from summarizer.gazetteer import default_gazetteer


def test_every_code_is_a_pycountry_subdivision() -> None:
    names = geo.province_names()
    assert len(names) > 300
    for code, written in names.items():
        assert pycountry.subdivisions.get(code=code) is not None, code  # type: ignore[no-untyped-call]
        assert written and all(isinstance(name, str) and name.strip() == name for name in written), code


def test_each_name_is_new_for_its_province() -> None:
    # one name may be listed in two spellings of one key ("Centre-East", "Centre East": a hyphenated name is one word
    # of a text, a spaced one with a place stop word in it is matched whole), never twice nor as pycountry has it
    for code, written in geo.province_names().items():
        assert len(written) == len(set(written)), code
        assert pycountry.subdivisions.get(code=code).name not in written, code  # type: ignore[no-untyped-call]


def _places(text: str) -> dict[str, tuple[str, str | None, str | None]]:
    """Each place named in ``text``: (kind, ISO 3166-2 code, country)."""
    return {m.text: (m.entry.kind, m.entry.admin1, m.entry.country) for m in default_gazetteer().find_places(text)}


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("Fighting resumed in the Amhara region on Monday, residents said.", "Amhara", "ET-AM"),
        ("Aid convoys reached Tigray after a week on the road.", "Tigray", "ET-TI"),
        ("Shelling hit several villages in Kharkiv Oblast overnight.", "Kharkiv Oblast", "UA-63"),
        ("Drones struck a fuel depot in the Kursk Oblast, the governor said.", "Kursk Oblast", "RU-KRS"),
        ("Two drones were downed over Belgorod Oblast on Sunday.", "Belgorod Oblast", "RU-BEL"),
        ("Gunmen killed nine farmers in Plateau State, police said.", "Plateau State", "NG-PL"),
        ("The paramilitaries advanced in Al Jazirah state of Sudan.", "Al Jazirah", "SD-GZ"),
        ("Militants attacked an army post in the Centre-North region of Burkina Faso.", "Centre-North", "BF-05"),
        ("Clashes were reported in Lower Shabelle and Middle Juba.", "Lower Shabelle", "SO-SH"),
        ("Separatists burned a school in the North West region of Cameroon.", "North West", "CM-NW"),
        ("A bomb went off at a checkpoint in Indian-controlled Kashmir.", "Indian-controlled Kashmir", "IN-JK"),
        ("Fighting spread across Karen State during the dry season.", "Karen State", "MM-13"),
    ],
)
def test_a_province_by_the_name_reporters_write(text: str, name: str, code: str) -> None:
    assert _places(text).get(name) == ("province", code, code.split("-")[0])


def test_a_province_name_votes_for_the_story_country() -> None:
    # "Tigray" names one country's province only: the story is set in Ethiopia, not in Eritrea
    found = geo.candidates("Eritrean troops were seen in Tigray and in Amhara, according to witnesses.")
    assert geo.story_country(found) == "ET"


def test_a_town_of_the_same_name_comes_first() -> None:
    # "Kharkiv", "Belgorod": the city, in its province; the province by its reporters' name only with "Oblast"
    places = _places("Missiles hit Kharkiv, and drones were shot down near Belgorod.")
    assert places["Kharkiv"] == ("town", "UA-63", "UA")
    assert places["Belgorod"] == ("town", "RU-BEL", "RU")


def test_a_name_of_two_countries_provinces_follows_the_story() -> None:
    # Adamawa: a Nigerian state and a Cameroonian region
    assert _places("Troops in Cameroon's Adamawa region freed four hostages.")["Adamawa"] == ("province", "CM-AD", "CM")
    assert _places("Gunmen in Adamawa, Nigeria, kidnapped four people.")["Adamawa"] == ("province", "NG-AD", "NG")
