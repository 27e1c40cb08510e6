"""Country names scanned only among those whose first word the text holds
(ingest.where.countryscan): the same matches as the whole list's pattern."""

from ingest.where import countrynames, countryscan


def test_names_whose_first_word_the_text_lacks_are_dropped():
    names = ("South Sudan", "Sudan", "Niger", "Côte d'Ivoire")
    kept = countryscan.names_in(names, "Fighting in South Sudan's Upper Nile state")
    assert kept == ("South Sudan", "Sudan", "Côte d'Ivoire")


def test_a_text_with_a_letter_outside_ascii_keeps_every_name():
    assert countryscan.names_in(("Turkey",), "İstanbul and Ankara") is None


def test_the_narrowed_scan_finds_what_the_whole_pattern_finds():
    texts = [
        "Russian warplanes struck Idlib; Russia denied it, Turkey and Iran said.",
        "Clashes near the border with Guinea-Bissau and in Niger, not Nigeria.",
        "the Democratic Republic of the Congo and South Sudan, the UN said",
        "No country at all here.",
    ]
    for country in ("", "SY"):
        whole = countrynames._countries(country)[0]
        for text in texts:
            expected = [(m.start(), m.group(0)) for m in whole.finditer(text)]
            found = countrynames._scanner(text, country).finditer(text)
            assert [(m.start(), m.group(0)) for m in found] == expected
