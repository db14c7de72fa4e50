"""Bad input through the CLI: a PDF without text, a corrupt PDF, a text that is not a deliberation.

Each exits with 1, names the file in a clear French message, and leaves the store as it was.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.ingest import detect_kind
from graph.ingest.base import InputError, SourceContext
from graph.ingest.delib_facts import deliberation_facts, extract_fixture
from graph.ingest.deliberation import detect, extract, looks_like_deliberation
from tests.pdf_writing import pdf_bytes
from webapp.cli import main

FOUNDING = Path(__file__).parent / "fixtures" / "deliberations" / "saint-etienne-metropole-2024-00240-danaecare.txt"
MONTPELLIER = FOUNDING.parent / "2014-04-24-0000071272.pdf"


def blank_pdf() -> bytes:
    """A valid one-page PDF with no text layer (what a scanner without OCR produces)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
               b"<< /Length 0 >>\nstream\n\nendstream"]
    return pdf_bytes(objects)


CASES = {
    "scan.pdf": (blank_pdf(), "PDF sans couche texte"),
    "broken.pdf": (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R", "PDF illisible ou corrompu"),
    "note.txt": ("Compte rendu de la réunion de l'équipe : rien à signaler.\n".encode(), "type de fichier non reconnu"),
}


def ingest(tmp_path: Path, *files: Path, kind: str | None = None):
    args = ["--data", str(tmp_path / "data"), "ingest", *map(str, files)] + (["--kind", kind] if kind else [])
    return CliRunner().invoke(main, args)


def count(tmp_path: Path) -> str:
    return CliRunner().invoke(main, ["--data", str(tmp_path / "data"), "query", "--format", "csv",
                                     "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"]).output


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_exits_1_with_a_message_naming_the_file_and_stores_nothing(tmp_path, name):
    data, message = CASES[name]
    bad = tmp_path / name
    bad.write_bytes(data)
    ingest(tmp_path, FOUNDING)
    before = count(tmp_path)
    result = ingest(tmp_path, bad)
    assert (result.exit_code, name in result.output, message in result.output, count(tmp_path)) == (
        1, True, True, before)


def damaged_pdf() -> bytes:
    """A Montpellier deliberation whose first compressed page stream ends in a wrong checksum: pdfminer still
    reads it, and logs that it lost data."""
    data = bytearray(MONTPELLIER.read_bytes())
    ends = [m.start() for m in re.finditer(rb"\r?\nendstream", data)]
    data[ends[1] - 2] ^= 0xFF  # the second stream is the first page's text, deflated
    return bytes(data)


def test_what_pdfminer_says_of_a_damaged_pdf_goes_into_the_files_report_not_onto_the_terminal(tmp_path, caplog):
    from graph.ingest.delib_pdf_text import pdf_text

    damage: list[str] = []
    with caplog.at_level(logging.DEBUG):
        text = pdf_text(damaged_pdf(), damage)
    assert damage == ["Data-loss while decompressing corrupted data"] and "Montpellier" in text
    assert not [r for r in caplog.records if r.name.startswith("pdfminer") and r.levelno >= logging.WARNING]
    assert logging.getLogger("pdfminer").propagate and not logging.getLogger("pdfminer").handlers
    pdf = tmp_path / "damaged.pdf"
    pdf.write_bytes(damaged_pdf())
    result = ingest(tmp_path, pdf)
    assert result.exit_code == 0, result.output
    assert ("damaged.pdf: avertissement : PDF endommagé, lu en partie : une partie du texte peut manquer (pdfminer : "
            "Data-loss while decompressing corrupted data)") in result.output
    assert "Data-loss" not in result.output.replace("(pdfminer : Data-loss", "")


def test_a_text_that_is_not_a_deliberation_is_refused_even_when_forced(tmp_path):
    bad = tmp_path / "note.txt"
    bad.write_bytes(CASES["note.txt"][0])
    result = ingest(tmp_path, bad, kind="deliberation")
    assert (result.exit_code, "ce texte n'est pas une délibération" in result.output) == (1, True)


def test_a_text_that_is_not_a_deliberation_is_told_which_markers_were_found_and_which_are_missing(tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("Note au Maire\nSéance du 5 mai 2024\nLe budget est adopté.\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        extract(SourceContext(note, note.read_bytes()))
    assert (caught.value.issue.message, caught.value.issue.message_en) == (
        "ce texte n'est pas une délibération : 2 marques du genre sur les trois requises (séance, « décide » ou "
        "« adopté ») ; absentes : « délibération », « après en avoir délibéré », conseil, identifiant ACTES, "
        "registre des délibérations, décision du président ou du maire, membres en exercice, vote pour / contre",
        "this text is not a deliberation: 2 of the three markers of the genre it needs (session, 'décide' or "
        "'adopté'); missing: 'délibération', 'après en avoir délibéré', council, ACTES id, register of "
        "deliberations, decision of the president or mayor, members in office, vote for / against")


@pytest.mark.parametrize("text, said", [
    ("Note au Maire\nSéance du 5 mai 2024\nLe budget est prêt.\n", "1 marque du genre sur les trois requises (séance)"),
    ("Note au Maire\nLe budget est prêt pour la rentrée.\n", "0 marque du genre sur les trois requises (aucune)"),
])
def test_the_markers_found_in_a_text_that_is_not_a_deliberation_are_counted_in_the_singular_below_two(tmp_path, text,
                                                                                                       said):
    note = tmp_path / "note.txt"
    note.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        extract(SourceContext(note, note.read_bytes()))
    assert caught.value.issue.message.startswith(f"ce texte n'est pas une délibération : {said} ;")


@pytest.mark.parametrize("grants, said, said_en", [
    ("une subvention de 500 € au Comité des fêtes", "1 subvention proposée non retenue", "1 proposed grant not kept"),
    ("une subvention de 500 € au Comité des fêtes et une subvention de 300 € au Club de judo",
     "2 subventions proposées non retenues", "2 proposed grants not kept"),
])
def test_a_rejected_deliberations_grants_are_counted_in_the_singular_or_the_plural(tmp_path, grants, said, said_en):
    path = tmp_path / "rejetee.txt"
    path.write_text("COMMUNE DE VERNOUX-FICTIF\nDÉLIBÉRATION n° 2024-12\nSéance du 5 mai 2024\nLe Conseil "
                    f"municipal, après en avoir délibéré, attribue {grants}.\nPour : 3 – Contre : 11\n"
                    "La délibération est REJETÉE.\n", encoding="utf-8")
    issues = extract(SourceContext(path, path.read_bytes())).issues
    assert [(i.message, i.message_en) for i in issues] == [(f"délibération rejetée : {said}",
                                                            f"deliberation rejected: {said_en}")]


def test_a_csv_is_not_detected_as_a_deliberation(tmp_path):
    ctx = SourceContext(Path("subventions.csv"), "Délibération;séance;montant\nLe Conseil;adopté;20000\n".encode())
    assert detect(ctx) == 0


def test_the_founding_deliberation_is_detected_as_a_deliberation():
    assert detect_kind(SourceContext(FOUNDING, FOUNDING.read_bytes())).name == "deliberation"


def test_the_cli_prints_the_extraction_report_of_each_file(tmp_path):
    result = ingest(tmp_path, FOUNDING)
    assert ("subventions : 1, montant total : 20 000 €, personnes : 68, "
            "présents : 54") in result.output


@pytest.mark.parametrize("codec, said", [("cp1252", "Windows-1252"), ("utf-16", "UTF-16")])
def test_a_text_saved_in_windows_1252_or_utf_16_is_detected_and_read_as_in_utf_8_with_a_warning(codec, said):
    utf8 = SourceContext(FOUNDING, FOUNDING.read_bytes())
    other = SourceContext(FOUNDING, FOUNDING.read_text(encoding="utf-8").encode(codec))
    assert detect_kind(other).name == "deliberation"
    read, expected = extract(other), extract(utf8)
    assert read.issues[0].message == f"texte enregistré en {said}, pas en UTF-8 : lu comme tel (vérifiez ses accents)"
    assert [i.message for i in read.issues[1:]] == [i.message for i in expected.issues]
    assert read.text == expected.text and len(read.graph) == len(expected.graph)


def test_a_text_that_keeps_html_character_references_is_read_as_the_characters_they_stand_for():
    """A text copied from a web page's source, or exported by a content manager: "d&#8217;", "20&nbsp;000",
    "d&eacute;lib&eacute;ration"."""
    text = FOUNDING.read_text(encoding="utf-8")
    escaped = text.replace("’", "&#8217;").replace("20 000", "20&nbsp;000").replace("é", "&eacute;")
    read = extract(SourceContext(FOUNDING.with_suffix(".md"), escaped.encode("utf-8")))
    expected = extract(SourceContext(FOUNDING.with_suffix(".md"), text.encode("utf-8")))
    assert read.stats == expected.stats and len(read.graph) == len(expected.graph)
    assert read.stats["grants"] == 1


def test_a_pdf_without_text_raises_input_error_with_an_english_message_too():
    from graph.ingest.delib_pdf_text import pdf_text

    with pytest.raises(InputError) as caught:
        pdf_text(blank_pdf())
    assert caught.value.issue.message_en == "PDF without a text layer (scanned document?): run OCR on it first"


README = """Données publiques ouvertes – Fiche métadonnées
* TITRE : Délibérations du Conseil Municipal
* DESCRIPTION : Cette donnée renseigne les délibérations exécutoires des conseils municipaux. Le Conseil municipal
règle par ses délibérations les affaires de la commune. Voir aussi le Registre des délibérations.
"""


def test_a_text_about_deliberations_that_decides_nothing_is_no_deliberation(tmp_path):
    readme = tmp_path / "README_delibs.txt"
    readme.write_text(README, encoding="utf-8")
    assert detect(SourceContext(readme, readme.read_bytes())) == 0
    result = ingest(tmp_path, readme)
    assert result.exit_code == 1
    assert ("le texte parle de délibérations mais n'en prend aucune (ni « DÉCIDE », ni « après en avoir délibéré », "
            "ni « approuve », « adopte »…)") in result.output
    decided = readme.with_name("decided.txt")
    decided.write_text(README + "Le Conseil municipal, après en avoir délibéré, DÉCIDE d'approuver la liste.\n",
                       encoding="utf-8")
    assert detect(SourceContext(decided, decided.read_bytes())) == 85


def test_an_authority_not_found_is_reported_with_the_heading_that_was_tried(tmp_path):
    text = tmp_path / "inconnue.txt"
    text.write_text("RÉPUBLIQUE FRANÇAISE\nSéance du 5 avril 2024\nDélibération n° 2024-01\n"
                    "Le Conseil, après en avoir délibéré, DÉCIDE d'approuver le budget.\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        extract(SourceContext(text, text.read_bytes()))
    assert caught.value.issue.message == (
        "collectivité introuvable : ni nom reconnu dans l'en-tête « RÉPUBLIQUE FRANÇAISE / Séance du "
        "5 avril 2024 / Délibération n° 2024-01 », ni identifiant ACTES ; indiquez-la avec l'option "
        "--funder \"NOM[;SIRET]\"")


#: A town hall's web page of its council's minutes: the commune is named nowhere.
_MINUTES = ("Compte rendu du conseil municipal du 05 Mars 2024\n\nLe Conseil Municipal légalement convoqué s'est "
            "réuni à l'hôtel de ville sous la présidence de Madame Hélène VASSEUR, Maire.\n\n"
            "N°2024/03/02 : SUBVENTION A L'ASSOCIATION « LE PANIER SOLIDAIRE »\n\nAprès en avoir délibéré, le "
            "Conseil Municipal décide d'attribuer une subvention de 2 500 € à l'association « Le Panier Solidaire ».\n"
            "Adopté à l'unanimité.\n")


def test_an_authority_not_found_in_a_text_run_together_on_one_line_is_reported_with_its_first_words(tmp_path):
    text = tmp_path / "une-ligne.txt"
    text.write_text("EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU MARDI 19 MARS 2024 Le Conseil, après en avoir délibéré, "
                    "DÉCIDE d'approuver le budget. " * 3 + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        extract(SourceContext(text, text.read_bytes()))
    assert caught.value.issue.message.startswith(
        "collectivité introuvable : ni nom reconnu dans l'en-tête « EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU MARDI")


def test_the_authority_that_a_text_does_not_name_is_given_with_the_funder_option(tmp_path):
    minutes = tmp_path / "compte-rendu.txt"
    minutes.write_text(_MINUTES, encoding="utf-8")
    refused = ingest(tmp_path, minutes)
    assert refused.exit_code == 1 and "indiquez-la avec l'option --funder" in refused.output
    result = CliRunner().invoke(main, ["--data", str(tmp_path / "data"), "ingest", str(minutes),
                                       "--funder", "Commune de Val-Fictif-sur-Orge;21990000800018"])
    assert result.exit_code == 0, result.output
    rows = CliRunner().invoke(main, ["--data", str(tmp_path / "data"), "query", "--format", "csv", """
        PREFIX mai: <https://w3id.org/maillage/ontology#> PREFIX schema: <http://schema.org/>
        SELECT ?label ?siren WHERE { ?grant schema:funder ?f . ?f rdfs:label ?label ; mai:siren ?siren .
                                     ?grant mai:decidedBy/mai:authority ?f }"""]).output
    assert rows.splitlines() == ["label,siren", "Commune de Val-Fictif-sur-Orge,219900008"]


def test_the_funder_option_leaves_aside_the_authority_a_text_names_otherwise_with_a_warning(tmp_path):
    minutes = tmp_path / "compte-rendu.txt"
    minutes.write_text("COMMUNE DE MONTCLAIR-FICTIF\n" + _MINUTES, encoding="utf-8")
    extraction = extract(SourceContext(minutes, minutes.read_bytes(), options={"funder": "Commune de Val-Fictif"}))
    assert [i.message for i in extraction.issues] == [
        "option --funder « Commune de Val-Fictif » laissée de côté : la délibération nomme sa collectivité, "
        "« Commune de Montclair-Fictif »"]
    same = extract(SourceContext(minutes, minutes.read_bytes(), options={"funder": "COMMUNE DE MONTCLAIR-FICTIF"}))
    assert same.issues == []


def test_a_deliberation_of_a_body_of_no_known_kind_is_read_with_the_headings_name_and_a_warning(tmp_path):
    text = tmp_path / "inconnue.txt"
    text.write_text("RÉPUBLIQUE FRANÇAISE\nASSOCIATION FONCIÈRE DU MARAIS-FICTIF\nSéance du 5 avril 2024\n"
                    "Délibération n° 2024-01\nLe Conseil, après en avoir délibéré, DÉCIDE d'approuver le budget.\n",
                    encoding="utf-8")
    extraction = extract(SourceContext(text, text.read_bytes()))
    assert [i.message for i in extraction.issues] == [
        "autorité lue dans l'en-tête, à vérifier : « Association foncière du Marais-Fictif » n'est d'aucune sorte de "
        "collectivité ou d'établissement connue"]


def test_a_commune_named_only_as_a_beneficiary_is_not_taken_for_the_authority(tmp_path):
    text = tmp_path / "beneficiaire.txt"
    text.write_text("COMMISSION PERMANENTE\nSéance du 5 avril 2024\nDélibération n° 2024-01\nLa Commission "
                    "permanente, après en avoir délibéré, DÉCIDE d'attribuer à la Commune de Mens-Fictive une "
                    "subvention de 3 000 €.\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        extract(SourceContext(text, text.read_bytes()))
    assert caught.value.issue.message == (
        "collectivité introuvable : ni nom reconnu dans l'en-tête « COMMISSION PERMANENTE / Séance du 5 avril 2024 / "
        "Délibération n° 2024-01 », ni identifiant ACTES ; « Commune de Mens-Fictive » n'y est nommée que comme "
        "bénéficiaire ; indiquez-la avec l'option --funder \"NOM[;SIRET]\"")


def test_a_decision_of_the_president_by_delegation_is_read_as_a_deliberation():
    text = ("COMMUNAUTÉ D'AGGLOMÉRATION DU VAL-FICTIF\nDÉCISION DU PRÉSIDENT N° DP-2024-0318\nObjet : Subvention\n"
            "Vu la délibération n° 12 du Conseil communautaire portant délégation d'attributions au Président ;\n"
            "DÉCIDE\nArticle 1 : Une subvention de 3 500 € est attribuée à l'association Bizi Osasuna.\n")
    assert looks_like_deliberation(text)


_MINUTES_VOTED_POINT_BY_POINT = (
    "Mairie de Chambœuf-Fictif\n\nConseil municipal du 11 mars 2024\nCompte rendu – extrait\n\n"
    "Conseillers : en exercice 19, présents 15, absents 4 dont 2 représentés.\n\n"
    "N° 2024-015 – Subventions aux associations\n\nChaque subvention fait l'objet d'un vote séparé.\n\n"
    "ADMR de Chambœuf-Fictif : demande 3 500 €, proposition 3 000 €.\nVote : 17 voix pour, unanimité.\n\n"
    "Ligue contre le cancer : demande 500 €, proposition 250 €.\nVote : 16 pour, 1 contre.\n")


def test_minutes_that_record_each_points_vote_without_a_verb_that_decides_are_a_deliberation(tmp_path):
    """A heading that dates the council's session, members in office without a colon, votes counted number first,
    and a vote recorded as such ("Vote : 17 voix pour") decide, without "DÉCIDE" or "après en avoir délibéré"; each
    item that its own vote follows is a grant, though no colon announces the list."""
    assert looks_like_deliberation(_MINUTES_VOTED_POINT_BY_POINT)
    assert not looks_like_deliberation(_MINUTES_VOTED_POINT_BY_POINT.replace("Vote : ", "Avis : "))
    path = tmp_path / "pv-2024-03-11.txt"
    path.write_text(_MINUTES_VOTED_POINT_BY_POINT, encoding="utf-8")
    facts = deliberation_facts(extract_fixture(path).graph)
    assert sorted(facts["grants"]) == [["ADMR de Chambœuf-Fictif", "3000"], ["Ligue contre le cancer", "250"]]


_ARRETE = ("DÉPARTEMENT DE LA SAUVINE\nARRÊTÉ N° ARR-2025-0412\nportant attribution de subventions\n\n"
           "LE PRÉSIDENT DU CONSEIL DÉPARTEMENTAL,\n\nVU la délibération du 1er juillet 2021 donnant délégation au "
           "Président ;\n\n{verb}\n\nARTICLE 1 : Une subvention de 12 000 € est attribuée à la CPTS du Val.\n\n"
           "Identifiant : 025-222500999-20250923-ARR_2025_0412-AR\n")


@pytest.mark.parametrize("verb", ["ARRÊTE", "ARRETE :", "Arrête :"])
def test_a_presidents_arrete_by_delegation_is_read_as_a_deliberation(verb):
    assert looks_like_deliberation(_ARRETE.format(verb=verb))


def test_an_arrete_that_only_names_itself_decides_nothing():
    assert not looks_like_deliberation(_ARRETE.format(verb="Le présent arrêté sera notifié.").replace(
        "est attribuée", "sera proposée"))


WEB_PAGE = """[Aller au contenu](#main) | [Plan du site](/plan)

![Logo de la Communauté de communes Fictive](/logo.svg)

* [Accueil](/)
* [La Communauté](/la-communaute)
  * [Actes administratifs](/la-communaute/actes)
* [Contact](/contact)

Vous êtes ici : [Accueil](/) › [Actes administratifs](/actes) › Décision du Président n° DP2025-117

# Décision du Président n° DP2025-117

**Objet : Fonds d'aide aux initiatives jeunesse – attribution d'une bourse**

Le Président de la Communauté de communes Fictive,

Vu la délibération du Conseil communautaire du 23 juillet 2020 portant délégation au Président ;

Vu l'avis du comité d'attribution du fonds réuni le 2 octobre 2025 ;

**DÉCIDE**

**Article 1** – D'attribuer à l'association **Brenne Skate Club Fictif** une bourse de **950 €**.

Fait au Blanc-Fictif, le 9 octobre 2025

Le Président,
**Michel AUBOURG-FICTIF**

---

[← Décision précédente](/actes/dp2025-116) | [Décision suivante →](/actes/dp2025-118)

[Mentions légales](/mentions-legales) · [Données personnelles](/rgpd) · © 2025 CC Fictive
"""


def test_a_presidents_decision_copied_from_a_web_page_is_read_as_the_presidents_of_the_day_he_signed(tmp_path):
    page = tmp_path / "decision.md"
    page.write_text(WEB_PAGE, encoding="utf-8")
    assert detect(SourceContext(page, page.read_bytes())) == 85
    facts = deliberation_facts(extract(SourceContext(page, page.read_bytes())).graph)
    assert (facts["body"], str(facts["session_date"]), facts["grants"]) == (
        "Président", "2025-10-09", [["Brenne Skate Club Fictif", "950"]])


def test_a_broken_pdf_is_said_in_words_not_by_the_librarys_exception():
    from graph.ingest.delib_pdf_text import pdf_text

    with pytest.raises(InputError) as caught:
        pdf_text(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R")
    assert "Error" not in str(caught.value) and "sa structure interne est abîmée" in str(caught.value)
