"""The segmenter's confidence model and the inline numbered-list split, on tiny hand-made inputs."""
from __future__ import annotations

from pipeline.models import Block, Measure
from pipeline.segment import blocks_to_measures
from pipeline.parse.text import text_to_blocks
from pipeline.segment.confidence import (ConfidenceModel, Linear, decided_items, is_detail, is_roll_call, load_model,
                                         with_confidence)
from pipeline.segment.evidence import SegmentSettings
from pipeline.segment.inline import number_rows, split_inline_numbered, split_verb_list

# a model that keeps what opens with a modal or an infinitive and drops greetings; its second stage
# passes the first stage's score through
TOY = ConfidenceModel(Linear({"greeting": -6.0, "modal": 3.0, "w1_verb=inf": 3.0}, -1.0),
                      Linear({"self_p": 12.0}, -6.0), threshold=0.5)


def test_unlikely_candidates_are_dropped_and_children_move_up() -> None:
    measures = [Measure(1, "Hei alle sammen"), Measure(2, "Etablere et nettverk", parent=1),
                Measure(3, "Kartlegge behovet", parent=2)]
    kept = with_confidence(measures, TOY)
    assert [m.text for m in kept] == ["Etablere et nettverk", "Kartlegge behovet"]
    assert [(m.ordinal, m.parent) for m in kept] == [(1, None), (2, 1)]
    assert all(0.5 <= m.confidence <= 1 for m in kept)


def test_table_cells_are_never_dropped() -> None:
    kept = with_confidence([Measure(1, "Hei alle sammen", layout="table")], TOY)
    assert len(kept) == 1 and kept[0].confidence < 0.5


def test_shipped_model_scores_every_measure() -> None:
    assert load_model() is not None
    blocks = [Block("Tiltak", kind="heading", level=1), Block("Etablere et regionalt nettverk for klimatilpasning", kind="item"),
              Block("Kartlegge behovet for ladeinfrastruktur i kommunene", kind="item")]
    measures = blocks_to_measures(blocks)
    assert len(measures) == 2 and all(m.confidence is not None for m in measures)
    off = blocks_to_measures(blocks, settings=SegmentSettings(use_confidence=False))
    assert all(m.confidence is None for m in off)


def test_inline_numbered_items_are_split() -> None:
    block = Block("Oppgåvene er desse: 1. Fremja regionen 2. Samordna tiltaksarbeid 3. Vera pådrivar for samferdsel")
    parts = split_inline_numbered(block)
    assert [p.text for p in parts] == ["Oppgåvene er desse:", "Fremja regionen", "Samordna tiltaksarbeid",
                                       "Vera pådrivar for samferdsel"]
    assert [p.kind for p in parts] == ["text", "item", "item", "item"]


def test_the_last_inline_item_ends_where_the_paragraph_goes_on_under_a_prose_label() -> None:
    block = Block("Delmål er: 1. Bedre helse 2. Økt trivsel 3. Bedre prestasjoner på prøver Bakgrunn: Skolen er "
                  "en unik arena. Barn sitter mer stille enn før.")
    parts = split_inline_numbered(block)
    assert [(p.kind, p.text) for p in parts][-3:] == [
        ("item", "Bedre prestasjoner på prøver"), ("heading", "Bakgrunn"),
        ("text", "Skolen er en unik arena. Barn sitter mer stille enn før.")]
    plain = Block("Oppgåvene: 1. Fremja regionen 2. Samordna tiltak 3. Vera pådrivar, Merk: gjeld alle")
    assert split_inline_numbered(plain)[-1].text == "Vera pådrivar, Merk: gjeld alle"  # "Merk" is no prose heading


def test_dates_and_section_numbers_are_not_split() -> None:
    for text in ("Møte 1. januar og 2. februar", "1.1 Samferdsle 1.2 Næring 1.3 Kultur", "Punkt 2. Bla 3. Bla 4. Bla"):
        assert split_inline_numbered(Block(text)) == [Block(text)]


ROWS = """Arbeidsprogram 2026

Nr Tiltak Ansvar Frist Status

Vann og miljø
1 Tiltaksplan for avrenning fra landbruket Landbrukskontoret /
Norsjø vannområde
30.06.2026 Ikke startet
2 Felles prøvetakingsplan for Bøelva Vannområdet 01.03.2026 Pågår

Areal og næring
3 Felles oversikt over næringsarealer Sekretariatet 31.05.2026 Pågår
"""


def test_numbered_table_rows_flattened_to_lines_are_one_measure_each_with_cells_from_the_header() -> None:
    ms = blocks_to_measures(text_to_blocks(ROWS), settings=SegmentSettings(use_confidence=False))
    assert [(m.section, m.text, m.responsible_text, m.deadline_text) for m in ms] == [
        (("Vann og miljø",), "Tiltaksplan for avrenning fra landbruket", ("Landbrukskontoret / Norsjø vannområde",),
         "30.06.2026"),
        (("Vann og miljø",), "Felles prøvetakingsplan for Bøelva", ("Vannområdet",), "01.03.2026"),
        (("Areal og næring",), "Felles oversikt over næringsarealer", ("Sekretariatet",), "31.05.2026")]


def test_numbered_rows_without_a_header_keep_their_cells_in_the_text() -> None:
    text = ROWS.replace("Nr Tiltak Ansvar Frist Status\n", "")
    ms = blocks_to_measures(text_to_blocks(text), settings=SegmentSettings(use_confidence=False))
    assert ms[1].text == "Felles prøvetakingsplan for Bøelva Vannområdet 01.03.2026 Pågår"
    # no column names an owner, so none is guessed; the day the row names is still its timing (meta.timing.own_timing)
    assert not ms[1].responsible_text and ms[1].deadline_text == "01.03.2026"


def test_numbered_sections_far_apart_are_not_rows() -> None:
    blocks = text_to_blocks("Plan\n\n1 Innledning\nTekst om planen.\nMer tekst.\nEnda mer.\nSiste linje.\n\n"
                            "2 Klima\n2.1 Kartlegge flom\nTekst.\n\n3 Transport\n3.1 Sykkelveier\nTekst.\n")
    assert number_rows(blocks) == blocks


def test_a_sub_item_opening_with_a_preposition_is_a_detail_of_its_measure() -> None:
    assert is_detail(Measure(ordinal=2, text="med målinger hver uke", parent=1))
    assert not is_detail(Measure(ordinal=2, text="pilot i Ås", parent=1))
    assert not is_detail(Measure(ordinal=1, text="med alle kommunene", parent=None))
    assert is_detail(Measure(ordinal=2, text="gjerne sammen med Sjømat Norge", parent=1))
    assert is_detail(Measure(ordinal=2, text="særlig sykepleie og ingeniørfag", parent=1))


def test_a_lead_in_that_decides_its_list_is_the_lists_umbrella_measure() -> None:
    text = ("Lokal tiltakspakke\n\nTiltak fase 1\n\nFormannskapet vedtok den 16. april 11 tiltak:\n\n"
            " • Etablering av servicetelefon for næringslivet\n • Etablering av informasjonsportal for næringslivet\n"
            " • Bestilling av politisk sak om flere lærlinger\n")
    ms = blocks_to_measures(text_to_blocks(text))
    assert ms[0].text == "Formannskapet vedtok den 16. april 11 tiltak:" and ms[0].parent is None
    assert [m.parent for m in ms[1:]] == [ms[0].ordinal] * 3


def test_items_under_a_lead_in_that_calls_them_measures_are_kept() -> None:
    text = ("Anbefalinger\n\nDe tiltakene Helsedirektoratet anbefaler er disse:\n\n"
            " • Økt alkoholpris gjennom alkoholskatt\n • Økt sykling og gåing som transport\n"
            " • Screening mot tarmkreft\n")
    ms = blocks_to_measures(text_to_blocks(text))
    assert [m.text for m in ms if m.parent is None and m.text.startswith(("Økt", "Screening"))] == [
        "Økt alkoholpris gjennom alkoholskatt", "Økt sykling og gåing som transport", "Screening mot tarmkreft"]


def test_a_sentence_listing_actions_is_one_item_per_action() -> None:
    text = ("I tillegg vil gruppa marknadsføra regionen som attraktiv, laga eit tomteoversyn, hjelpa kommunane "
            "med å informera nye innbyggjarar, stå fram som sterke, positive, samla og innovative, påverka "
            "fylkeskommunen, og avtala vegmøte med stortingspolitikarar.")
    parts = [b.text for b in split_verb_list(Block(text))]
    assert parts == ["I tillegg vil gruppa marknadsføra regionen som attraktiv", "laga eit tomteoversyn",
                     "hjelpa kommunane med å informera nye innbyggjarar",
                     "stå fram som sterke, positive, samla og innovative", "påverka fylkeskommunen",
                     "og avtala vegmøte med stortingspolitikarar."]


def test_a_measure_naming_a_few_steps_stays_whole() -> None:
    text = "Vi skal kartlegge behovet, etablere et nettverk og utrede en felles ordning for kommunene."
    assert [b.text for b in split_verb_list(Block(text))] == [text]
    listing = "Rådet vil ha fokus på vei, bane, havn, flyplass og kollektivtrafikk i hele regionen."
    assert [b.text for b in split_verb_list(Block(listing))] == [listing]  # nouns, not actions


def test_training_sees_candidates_as_the_model_meets_them() -> None:
    # with_confidence scores candidates before deadlines stated in running text are attached, so a
    # year in the text must not make a training candidate "explicit" (labelled) either
    from pipeline.segment import measure_candidates
    from pipeline.segment.confidence import explicit

    blocks = text_to_blocks("Notat\n\nForskningsmål 1:\n\n2023 Bruke UiO:Energi som katalysator.\n")
    raw = measure_candidates(blocks)[-1]
    assert raw.text.startswith("2023 Bruke") and raw.deadline_text is None and not explicit(raw)
    timed = blocks_to_measures(blocks, settings=SegmentSettings(use_confidence=False))[-1]
    assert timed.deadline_text == "2023"


def test_a_modal_with_ha_is_a_wish_not_past_work() -> None:
    from pipeline.segment.features import document_features

    wish, past = document_features([Measure(1, "Skulle hatt trafikklys for status på tiltakene."),
                                    Measure(2, "Vi hadde trafikklys for status på tiltakene.")])
    assert wish["wish"] == 1.0 and wish["past"] == 0.0
    assert past["past"] == 1.0


def test_lines_opening_with_a_year_are_rows_with_that_deadline() -> None:
    from pipeline.segment.inline import year_rows

    rows = year_rows(text_to_blocks("Plan\n\n2023 Tematiske workshops.\n2023 Bruke sentrene.\n2024 Korte prosjekter.\n"))
    assert [(b.column, b.row, b.text) for b in rows if b.column] == [
        ("measure", 0, "Tematiske workshops."), ("deadline", 0, "2023"), ("measure", 1, "Bruke sentrene."),
        ("deadline", 1, "2023"), ("measure", 2, "Korte prosjekter."), ("deadline", 2, "2024")]
    two = text_to_blocks("Plan\n\n2023 Vi startet opp.\n2024 Vi fortsatte.\n")
    assert year_rows(two) == two  # two lines are no table


def test_year_rows_are_measures_with_deadlines() -> None:
    text = "Plan\n\nForskningsmål 1:\n\n2023 Tematiske workshops.\n2023 Bruke sentrene.\n2024 Korte prosjekter.\n"
    measures = blocks_to_measures(text_to_blocks(text))
    assert [(m.text, m.deadline_text) for m in measures] == [
        ("Tematiske workshops.", "2023"), ("Bruke sentrene.", "2023"), ("Korte prosjekter.", "2024")]


def test_a_sub_item_stating_a_label_and_a_figure_is_a_detail() -> None:
    assert is_detail(Measure(2, "Skoler: 19 grader", parent=1))
    assert is_detail(Measure(3, "2023: + 5.750’; herav Grunnskole 4.000’", parent=1))
    assert not is_detail(Measure(2, "Skoler: 19 grader", parent=None))  # a measure of its own
    assert not is_detail(Measure(2, "Prosjekt: Etablere 3 nye ladepunkter ved rådhuset i 2026", parent=1))


def test_a_sentence_stating_how_things_are_is_marked() -> None:
    from pipeline.segment.features import document_features

    state, action = document_features([Measure(1, "Våre medlemmer er fra hele næringslivet."),
                                       Measure(2, "Vi skal invitere medlemmene til et møte.")])
    assert state["stated"] == 1.0 and action["stated"] == 0.0


def test_sub_items_of_decided_items_are_decided_unless_details() -> None:
    text = ("Notat\n\nArbeidsgruppen foreslår disse tiltakene for neste år:\n\n1. Prøve ut metoden i to kommuner\n"
            "   a) pilot i Asker\n   b) med vekt på flom\n")
    from pipeline.segment import measure_candidates

    measures = measure_candidates(text_to_blocks(text))
    decided = {m.text for m in measures if m.ordinal in decided_items(measures)}
    assert decided == {"Prøve ut metoden i to kommuner", "pilot i Asker"}


def test_names_under_a_roll_call_heading_are_never_measures() -> None:
    assert is_roll_call(Measure(1, "Kari Nordmann (leder)", section=("Til stede",)))
    assert is_roll_call(Measure(2, "Ola Hansen", section=("Forfall:",)))
    assert not is_roll_call(Measure(3, "Kari Nordmann", section=("Saker",)))
    assert not is_roll_call(Measure(4, "Styret vedtok å sende en uttalelse til fylkeskommunen om vegene i området.",
                                    section=("Til stede",)))


def test_a_roll_call_line_is_dropped_even_with_a_line_run_into_it_as_its_goal() -> None:
    from pipeline.models import Goal

    named = Measure(1, "Kjell Berg", layout="item", section=("Til stede",), goals=(Goal("mål", "Referent Berit By"),))
    assert with_confidence([named, Measure(2, "Etablere et nettverk for reiseliv")], TOY)[0].text == (
        "Etablere et nettverk for reiseliv")


def test_a_heading_that_lists_measures_and_action_sentences_inside_a_text_are_marked() -> None:
    from pipeline.segment.features import document_features

    proposal, background = document_features([
        Measure(1, "Bedre kontakt med kommunene. Søke midler til et forprosjekt.", section=("Andre innspill",)),
        Measure(2, "Regionen har vokst. Mange pendler til Oslo.", section=("Bakgrunn",))])
    assert proposal["measure_section"] == 1.0 and proposal["inf_sentence"] == 1.0
    assert background["measure_section"] == 0.0 and background["inf_sentence"] == 0.0


def test_a_sub_list_lead_in_that_acts_over_kept_measures_is_their_umbrella() -> None:
    from pipeline.segment.confidence import umbrellas

    measures = [Measure(1, "Søke midler til piloter for bl.a.:", layout="item"),
                Measure(2, "Utenforskap. Søke prosjektmidler: F.eks.:", layout="item", parent=1),
                Measure(3, "Lære og trene på digitale verktøy.", layout="item", parent=2),
                Measure(4, "Fremme modeller for arbeidstrening.", layout="item", parent=2),
                Measure(5, "Tiltak i 2024:", layout="item", parent=1),
                Measure(6, "Kurs i bruk av KI.", layout="item", parent=5),
                Measure(7, "Nettverk for ledere.", layout="item", parent=5)]
    assert umbrellas(measures, kept={1, 3, 4, 6, 7}) == {2}  # "Tiltak i 2024:" does nothing itself
    assert umbrellas(measures, kept={1, 3, 6}) == set()  # one kept item is no list


def test_a_follow_up_line_that_gives_someone_the_task_is_always_a_measure() -> None:
    from pipeline.segment.confidence import explicit
    assert explicit(Measure(1, "Oppfølging: sekretariatet sender uttalelsen innen 20. juni.", layout="text"))
    assert not explicit(Measure(1, "Oppfølging: saken tas opp igjen senere.", layout="text"))  # no owner named


def test_a_task_given_to_a_body_under_a_prose_heading_is_a_measure_and_the_rest_of_the_section_is_not() -> None:
    text = ("Arbeidsmøte\n\nTiltak\n- Kartleggje ålegraset i fjordane\n\nOrganisering\n"
            "Sekretariatet lagar ein årleg statusrapport til rådsmøtet i juni.\n"
            "Arbeidet har gått godt, og gruppa var nøgd med dagen.\n")
    ms = blocks_to_measures(text_to_blocks(text))
    assert [m.text for m in ms] == ["Kartleggje ålegraset i fjordane",
                                    "Sekretariatet lagar ein årleg statusrapport til rådsmøtet i juni."]


def test_what_minutes_report_someone_said_is_a_remark_but_an_action_that_mentions_reporting_is_not() -> None:
    from pipeline.segment.structure import is_remark
    assert is_remark("Sortland minnet om at påmeldingen til konferansen åpner i mars.")
    assert is_remark("Hadsel og Bø la fram et felles notat om mangel på sykepleiere.")
    assert not is_remark("Informere om tiltakene som ble lagt fram i styret")
    assert not is_remark("Etablere et nettverk som orienterte om tiltak")


def test_a_dropped_item_phrased_like_a_kept_sibling_is_kept_too() -> None:
    from pipeline.segment.confidence import parallel_items

    measures = [Measure(1, "Kartlegge overvann i Follo sammen med NVE", layout="item"),
                Measure(2, "pilot i Ås", level=1, parent=1, layout="item"),
                Measure(3, "med målinger hver uke", level=2, parent=2, layout="item"),
                Measure(4, "pilot i Nordre Follo", level=1, parent=1, layout="item"),
                Measure(5, "med flere stasjoner", level=1, parent=1, layout="item")]
    assert parallel_items(measures, kept={1, 2}) == {4}  # "med …" starts no kept sibling at its depth
    assert parallel_items(measures, kept={1}) == set()


def test_a_sub_item_naming_a_kind_of_measure_is_explicit() -> None:
    from pipeline.models import Measure
    from pipeline.segment.confidence import explicit

    assert explicit(Measure(2, "pilot i Ås", parent=1, layout="item"))
    assert not explicit(Measure(2, "pilot i Ås", layout="item"))  # top level: the model decides
    assert not explicit(Measure(3, "med målinger hver uke", parent=2, layout="item"))
