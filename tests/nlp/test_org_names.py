from pipeline.nlp.org_names import named_orgs
from pipeline.nlp.ruler import partner_doc


def orgs(text: str) -> list[str]:
    return [m.partner for m in named_orgs(partner_doc(text))]


def test_a_place_and_an_organisation_head_is_a_name() -> None:
    assert orgs("Samarbeid med Skiforeningen og Sunnhordland Næringsråd.") == ["Skiforeningen", "Sunnhordland Næringsråd"]
    assert orgs("Søke støtte fra Skien Næringsfond AS og Telemark Utviklingsfond") == [
        "Skien Næringsfond AS", "Telemark Utviklingsfond"]
    assert orgs("Tiltaket blir drøfta med Sogn regionråd") == ["Sogn regionråd"]
    assert orgs("saman med Visit Sognefjord og reiselivsbedriftene") == ["Visit Sognefjord"]


def test_a_verb_opening_the_sentence_is_not_part_of_the_name() -> None:
    assert orgs("Kontakte Frogn Friluftsforum om saken.") == ["Frogn Friluftsforum"]


def test_a_lone_body_opening_a_sentence_is_the_writer_not_a_partner() -> None:
    assert orgs("Idrettsforeningen ber om at banen rustes opp.") == []
    assert orgs("Vi ber om et møte med Idrettsforeningen.") == ["Idrettsforeningen"]


def test_ordinary_words_ending_like_heads_are_no_names() -> None:
    assert orgs("Felles kartlag for hele regionen") == []
    assert orgs("Frogn Friluftsforums forslag støttes") == []
    assert orgs("Kristine Beholde arbeidskraft") == []
