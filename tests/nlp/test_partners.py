from pipeline.nlp.partners import find_partners


def names(text, source="text", **kw):
    return [m.partner for m in find_partners(text, source, **kw)]


def test_gazetteer_aliases_to_canonical_names():
    assert names("Østlandssamarbeidet, veiieierbit av FK, SVV", "column") == [
        "Østlandssamarbeidet", "Fylkeskommunene", "Statens vegvesen"]
    assert names("Dialog med Bane Nor og andre") == ["Bane NOR"]


def test_coordinated_municipalities():
    assert names("pilotprosjektet til Asker, Drammen, Lier og Øvre Eiker kommune") == [
        "Asker kommune", "Drammen kommune", "Lier kommune", "Øvre Eiker kommune"]


def test_groups_only_where_engaged():
    assert names("samarbeid med kommunene") == ["Kommunene"]
    assert names("slik at kommunene enklere kan benytte lokale leverandører") == []


def test_a_group_that_acts_or_is_addressed_is_engaged():
    assert names("Kommunene bør innføre meldeplikt for hogst") == ["Kommunene"]
    assert names("Høringsutkastet sendes til kommunene med frist 15. april") == ["Kommunene"]
    assert names("Vi anbefaler at kommunene har fokus på gjennomførbarhet") == ["Kommunene"]
    assert names("I tillegg skal kommunane lage ein felles rettleiar") == ["Kommunene"]
    assert names("Kommuner og fylkeskommuner må få en større rolle") == []  # any municipality, no addressee
    assert names("Felles sommerjobbordning i alle kommunene") == []  # where, not who


def test_nationally_known_organisations_are_named_as_listed():
    assert names("Felles møte med Elvia og Statnett om nettkapasiteten") == ["Elvia", "Statnett"]
    assert names("Styrke samarbeidet med Sametinget og NTNUs fagmiljø") == ["Sametinget", "NTNU"]
    assert names("Lyse ut stillingen som rådgiver") == []


def test_the_state_asked_through_its_government_or_ministry():
    assert names("Stortinget ber regjeringen fremme en stortingsmelding") == ["Staten"]
    assert names("Drive interessearbeid overfor overordna myndigheiter") == ["Staten"]


def test_an_organisation_stating_its_view_is_the_writer_not_a_partner():
    assert names("NVE anbefaler at kommunene har fokus på naturfare") == ["Kommunene"]
    assert names("Miljødirektoratet foreslår å utrede en ordning") == []
    assert names("Arbeidet skjer i samarbeid med Miljødirektoratet") == ["Miljødirektoratet"]


def test_statsforvalteren_in_a_county_is_one_office():
    assert names("Øvelse sammen med Statsforvalteren i Nordland og DSB") == ["Statsforvalteren", "DSB"]


def test_goal_text_keeps_named_organisations_only():
    assert names("Klarer vi å påvirke FK'ene i samme retning", goal=True) == []
    assert names("Multiconsult og Innlandet FK har muligens noe slikt", goal=True) == [
        "Multiconsult", "Innlandet fylkeskommune"]


def test_unknown_acronym_in_partner_column_kept_as_written():
    found = find_partners("KSF, Helseforetakene og næringen.", "column")
    assert {(m.partner, m.partner_type) for m in found} >= {("KSF", "ukjent"), ("Helseforetakene", "stat")}


def test_unknown_acronyms_the_text_works_with_are_partners_as_written() -> None:
    names = [p.partner for p in find_partners("Hvordan koble sammen med IPR-ene regionalt?")]
    assert names == ["IPR-ene"]
    assert [p.partner for p in find_partners("Samarbeid med KSF om piloten")] == ["KSF"]
    assert find_partners("Rapporten fra KSF viser veksten") == []  # named, not engaged


def test_proper_names_in_a_partner_cell_are_kept() -> None:
    names = [p.partner for p in find_partners("NVE, Norsk Vann og Faggruppe klima", source="column")]
    assert sorted(names) == ["NVE", "Norsk Vann", "Osloregionens faggrupper"]  # SPEC: Faggruppe <fag>


def test_a_municipality_name_inside_a_longer_name_is_not_the_municipality() -> None:
    assert [p.partner for p in find_partners("Oslo Business Region", source="column")] == ["Oslo Business Region"]
    assert [p.partner for p in find_partners("Dialog med Asker og Oslo om sykkelveier")] == ["Asker kommune",
                                                                                          "Oslo kommune"]


def test_places_named_in_passing_are_no_partners():
    assert names("Bedre togtilbud mellom Hamar og Lillehammer, i dialog med Bane NOR") == ["Bane NOR"]
    assert names("Rassikring utanfor Tromsø og langs Lyngen") == []
    assert names("Samarbeid med Hamar kommune og Lillehammer kommune") == ["Hamar kommune", "Lillehammer kommune"]


def test_a_municipality_name_inside_another_name_is_no_partner():
    assert names("Kari Lier presenterer planen for styret.") == []
    assert names("Det skal søkes om støtte fra Gjensidige Surnadal.") == []
    assert names("Samarbeid med Lier og Asker om planen.") == ["Lier kommune", "Asker kommune"]
    assert names("Samarbeid med Vestre Toten om planen.") == ["Vestre Toten kommune"]


def test_places_a_trip_goes_to_are_named_in_passing() -> None:
    from pipeline.nlp.partners import find_partners

    text = "Bestillingsruter slik at det går an å reise kollektivt til Oslo og Bergen utan å køyre eigen bil."
    assert [m.partner for m in find_partners(text)] == []
    assert [m.partner for m in find_partners("Samarbeid med Lier og Asker om ny plan.")] == ["Lier kommune",
                                                                                            "Asker kommune"]


def test_file_formats_and_sizes_of_a_download_link_are_no_organisations():
    assert names("Last ned handlingsplanen 2027–2028 (PDF, 1,2 MB) eller som DOCX") == []
