"""How a deliberation PDF becomes text: small PDFs printed from the HTML beside them (fixtures/deliberations/pdf)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from graph.identity_names import name_key
from graph.ingest.delib_facts import deliberation_facts, extract_fixture
from graph.ingest.delib_pdf_text import pdf_text
from graph.ingest.delib_text import normalise_text
from graph.ingest.pdf_lines import Line, aligned_chars, heading_columns, text_lines

PDFS = Path(__file__).parent / "fixtures" / "deliberations" / "pdf"


def text_of(name: str) -> str:
    """The raw text layer of ``NAME.pdf`` as the deliberation reader gets it."""
    return pdf_text((PDFS / f"{name}.pdf").read_bytes())


@pytest.mark.parametrize("expected", sorted(PDFS.glob("*.expected.json")), ids=lambda p: p.name.split(".")[0])
def test_each_labelled_pdf_yields_its_expected_facts(expected):
    extraction = extract_fixture(PDFS / expected.name.replace(".expected.json", ".pdf"))
    facts, wanted = deliberation_facts(extraction.graph), json.loads(expected.read_text(encoding="utf-8"))
    if "grants" in wanted:
        facts["grants"], wanted["grants"] = ({(name_key(name), amount) for name, amount in grants}
                                             for grants in (facts["grants"], wanted["grants"]))
    assert {key: facts[key] for key in wanted} == wanted
    assert not [issue.message for issue in extraction.issues if issue.level == "warning"]


def test_the_founding_deliberation_printed_to_pdf_gives_every_fact_its_text_gives():
    """Its text has no blank lines once printed: title, founding year, goals, the authority's other spelling and
    descriptions are read as from the text; only the evidence's offsets and the source's own name differ."""
    from rdflib import Literal

    founding = PDFS.parent / "saint-etienne-metropole-2024-00240-danaecare.txt"
    text, printed = (extract_fixture(path).graph for path in (founding, PDFS / "saint-etienne-metropole-imprimee.pdf"))

    def facts(graph):
        return {(str(s), str(p), str(o)) for s, p, o in graph
                if "evidence" not in str(s) and "evidence" not in str(o) and "/source/" not in str(s) + str(o)
                and not (isinstance(o, Literal) and str(p).endswith(("#sha256", "/title")) and "/source/" in str(s))}
    assert facts(text) == facts(printed)


@pytest.mark.parametrize("row", [
    "| SAN-24-001 | Union sportive de Clermont-Ferrand | 1 500 € |",
    "| SAN-24-002 | Amicale des aînés de Besse-et-Saint-Anastaise | 2 000 € |",
    "| SAN-24-003 | Comité des fêtes – section de Murol | 300 € |",
])
def test_a_cell_line_broken_after_a_hyphen_joins_the_next_without_a_space(row):
    assert row in text_of("cellule-trait-union").splitlines()


def test_an_actes_id_wrapped_after_a_hyphen_in_a_narrow_stamp_is_read_whole():
    document = normalise_text(text_of("tampon-etroit"))
    assert document.stamp.actes_raw == "039-200045128-20240627-DEL2024_112-DE"
    assert "039-200045128-20240627-DEL2024_112-DE" in document.text[document.stamp_start:].splitlines()
    assert document.body.splitlines() == ["COMMUNAUTÉ D'AGGLOMÉRATION DU VAL DE SORNE",
                                          "Délibération n° 2024-112 du Conseil communautaire"]


def test_a_heading_in_small_capitals_is_one_line_and_close_lines_stay_apart():
    assert text_of("petites-capitales").splitlines() == [
        "COMMUNE DE LUSSAC-LES-VIGNES",
        "DÉLIBÉRATION DU CONSEIL MUNICIPAL",
        "Séance du 1er avril 2024",
        "Le Conseil municipal, réuni sous la présidence",
        "de M. Paul ROUSSEL, Maire, attribue 500 €.",
    ]


def test_a_small_type_on_the_baseline_of_a_large_word_keeps_its_own_lines():
    assert text_of("logo-grand-corps").splitlines()[:6] == [
        "VAREILLES", "COMMUNE DE VAREILLES",
        "Hôtel de Ville", "Place du Marché – BP 7", "87990 VAREILLES", "Tél. 05 55 00 00 00",
    ]


def test_a_framed_stamp_beside_the_heading_is_read_apart_as_a_block():
    assert text_of("tampon-encadre").splitlines() == [
        "Envoyé en préfecture le 12/04/2024",
        "Reçu en préfecture le 12/04/2024",
        "Publié le 13/04/2024",
        "ID : 035-213504186-20240408-DCM_2024_031-DE",
        "COMMUNE DE BRÉAL-LES-LANDES",
        "Ille-et-Vilaine – arrondissement de Rennes",
        "Délibération du Conseil municipal n° 2024-031",
    ]


def test_the_publication_date_of_a_framed_stamp_is_the_stamps():
    document = normalise_text(text_of("tampon-encadre"))
    assert "Publié" not in document.body
    assert (document.stamp.sent, document.stamp.received, document.stamp.published) == (
        dt.date(2024, 4, 12), dt.date(2024, 4, 12), dt.date(2024, 4, 13))


def test_a_publication_date_away_from_any_stamp_stays_in_the_body():
    document = normalise_text("Le Maire,\nPaul ROUSSEL\nPublié le 13/04/2024")
    assert document.body.endswith("Publié le 13/04/2024") and document.stamp.published is None


def test_a_stamp_turned_along_the_margin_is_read_apart_and_keeps_its_dates():
    document = normalise_text(text_of("tampon-vertical"))
    assert document.body.splitlines() == [
        "PRÉSENTS : Mme Josiane THIBAULT, M. Roger PATURAL, Mme Ghislaine",
        "MAILLARD, M. Didier SCHMITT, Mme Karima HAMDI, M. Jacques",
        "LEBLANC, Mme Odette FAIVRE, M. Sébastien COLLIN, Mme Brigitte",
        "PETITJEAN, M. Henri BOUVRET.",
        "ABSENTS : M. Paul DROUOT, Mme Yvette CHAMPENOIS.",
    ]
    stamp = document.stamp
    assert (stamp.actes_raw, stamp.sent, stamp.received) == (
        "010-264507120-20240529-CA2024_14-DE", dt.date(2024, 6, 3), dt.date(2024, 6, 4))


def test_a_seal_turned_askew_over_the_signature_is_read_apart_and_its_font_is_no_damage():
    damage: list[str] = []
    lines = pdf_text((PDFS / "sceau-incline.pdf").read_bytes(), damage).splitlines()
    assert lines[-7:] == ["Pour extrait conforme,", "Le Maire,", "Lucien PERRAULT",
                          "MAIRIE DE", "MONTFAUCON-", "SUR-ARNE", "★ ARDENNES ★"]
    assert damage == []  # the "★" comes from a fallback font that gives no box for its glyphs


def test_a_stamp_set_slightly_askew_beside_the_signature_is_read_apart_and_keeps_its_dates():
    document = normalise_text(text_of("tampon-incline-leger"))
    assert document.body.splitlines()[-3:] == ["Pour extrait conforme,", "Le Maire,", "Gérard LEMOINE"]
    assert (document.stamp.actes_raw, document.stamp.sent) == (
        "002-210200011-20241007-2024_088-DE", dt.date(2024, 10, 10))


def test_a_footnote_call_printed_small_and_raised_is_a_superscript_digit_not_part_of_the_word():
    lines = text_of("appel-note-exposant").splitlines()
    assert "l'unanimité, attribue une subvention de 2 500 € à l'APSL¹ et une subvention de 900 €" in lines
    assert "au Club Santé du Louettais²." in lines
    assert lines[-2:] == ["¹ Association de Prévention Santé du Louettais.", "² Structure créée en 2023."]


LOGO = ["Agglo Val de Sorne", "Communauté", "d'Agglomération", "Direction Cohésion", "sociale", "Service Santé"]
HEADING = ["Extrait du registre des", "délibérations du Conseil", "municipal de la Ville de", "Montclair",
           "n° 2024 / 159", "Séance du 24 avril 2024"]


@pytest.mark.parametrize("name, margin, margin_first", [
    ("marge-logo", LOGO, False),  # the body opens with its own heading: the logo and services come after it
    ("marge-entete", HEADING, True),  # the margin holds the heading, the body opens with a sentence
])
def test_a_margin_column_is_read_apart_and_follows_a_body_that_opens_with_its_own_heading(name, margin, margin_first):
    lines = text_of(name).splitlines()
    assert (lines[:len(margin)] if margin_first else lines[-len(margin):]) == margin


def test_a_heading_in_two_columns_is_read_column_by_column_and_the_lines_below_are_left_whole():
    assert text_of("entete-deux-colonnes").splitlines() == [
        "COMMUNE DE SAINT-PONS",
        "Département du Cantal",
        "RÉPUBLIQUE FRANÇAISE",
        "Liberté – Égalité – Fraternité",
        "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL",
        "Le Conseil municipal attribue les subventions suivantes :",
        "Football Club Saint-Pons 1 200 €",  # an unruled table's row: its wide gap parts no column here
        "Société de chasse 300 €",
    ]


def test_a_block_of_two_columns_under_a_full_width_heading_is_read_column_by_column():
    lines = text_of("colonnes-sous-entete").splitlines()
    visas, decisions = lines.index("Vu le Code général des collectivités territoriales,"), lines.index(
        "Le Conseil municipal, après en avoir délibéré, par 27 voix pour, 4 voix")
    assert lines[visas - 1] == "Objet : Contrat de ville – subventions aux porteurs de projets 2024"
    assert lines[decisions - 3:decisions + 4] == [
        "Considérant l'intérêt des projets présentés pour", "les habitants des quartiers du Moulin et des",
        "Tilleuls ;",
        "Le Conseil municipal, après en avoir délibéré, par 27 voix pour, 4 voix", "contre et 0 abstention :",
        "Article 1 : attribue une subvention de 2 500 € à l'association Ateliers",
        "du Moulin pour l'atelier « Murs peints » ;",
    ]
    assert lines[-3:] == ["Fait à Château-Merle, le 27 juin 2024", "La Maire,", "Claire VASSEUR"]


def test_the_items_of_a_list_whose_markers_are_drawn_shapes_open_with_a_dash():
    lines = text_of("puces-dessinees").splitlines()
    assert [line for line in lines if line.startswith("- ")] == [
        "- à l'association Les Amis de l'école : 900 € pour les sorties scolaires ;",
        "- au Comité des fêtes de Saint-Aubin : 2 400 € pour la fête du village ;",
        "- à la Gym volontaire aubinoise : 350 € pour son fonctionnement.",
    ]


def test_running_headers_and_footers_are_kept_once_so_that_a_sentence_runs_on_across_pages():
    assert text_of("entetes-courants").splitlines() == [
        "RÉGION CENTRE-LOIRE",
        "Conseil régional",
        "COMMISSION PERMANENTE DU 12 AVRIL 2024",
        "La Commission permanente attribue à l'association Les Amis du Cher",
        "une subvention de 5 000 €.",
        "CPR n° 24-04-23 – page 2/2",
    ]


def line_of(top: float, *words: tuple[str, float, float]) -> Line:
    """A line of ``words`` given as (text, x0, x1), 8 pt high."""
    parts = tuple({"text": t, "x0": x0, "x1": x1, "top": top, "bottom": top + 8} for t, x0, x1 in words)
    return Line(top, parts[0]["x0"], parts[-1]["x1"], " ".join(t for t, _, _ in words), parts)


def test_a_heading_column_starts_with_the_first_line_on_its_side_of_the_gutter():
    lines = [line_of(10, ("Envoyé", 276, 301), ("le", 303, 394)),  # right of the gutter's middle, left of the page's
             line_of(20, ("DÉPARTEMENT", 43, 171), ("Reçu", 276, 293), ("le", 295, 387)),
             line_of(30, ("Direction", 43, 188), ("Publié", 276, 320)),
             line_of(40, ("COMMISSION", 150, 250), ("PERMANENTE", 252, 350)),  # crosses the gutter: not the heading's
             line_of(50, ("Objet", 43, 70), ("subventions", 300, 360))]
    assert [line.text for line in heading_columns(lines)] == [
        "DÉPARTEMENT", "Direction", "Envoyé le", "Reçu le", "Publié", "COMMISSION PERMANENTE", "Objet subventions"]


def test_a_stamp_printed_over_a_table_is_read_apart_and_the_table_keeps_its_cells():
    assert text_of("tampon-sur-tableau").splitlines() == [
        "Accusé de réception en préfecture",
        "011-211102066-20240926-2024_09_15-DE",
        "Date de télétransmission : 01/10/2024",
        "Date de réception préfecture : 01/10/2024",
        "Le Conseil municipal attribue les subventions suivantes :",
        "| Bénéficiaire | Montant Ville (en €) | Part État (en €) |",
        "| Régie de quartier Castelnau | 4 200 | 5 000 |",
        "| Boxing Club Castelnaudais | 2 500 | 3 000 |",
        "| Total | 6 700 | 8 000 |",
    ]


def test_an_unframed_stamp_printed_over_a_table_row_is_read_apart_and_the_row_keeps_its_cells():
    lines = text_of("tampon-libre-sur-tableau").splitlines()
    assert lines[:2] == ["Accusé de réception en préfecture 012-221200017-20240405-CP240411-DE "
                         "Date de télétransmission : 09/04/2024 Date de réception préfecture :", "09/04/2024"]
    assert lines[6:] == [
        "| N° dossier | Bénéficiaire | Objet | Montant (€) |",
        "| CP24-11-01 | Foyer rural de Laguiole | Fonctionnement | 1 100,00 |",
        "| CP24-11-02 | Amicale des Buronniers | Fête de la transhumance | 2 300,00 |",
        "| CP24-11-03 | Pétanque Club de Nasbinals | Championnat départemental | 550,00 |",
        "| CP24-11-04 | Chorale des Monts d'Aubrac | Concert de printemps | 600,00 |",
        "| TOTAL |  |  | 4 550,00 |",
    ]


def char_of(text: str, x0: float, base: float, size: float) -> dict:
    """An upright character of ``size`` pt whose baseline is ``base`` pt below the top of an 800 pt page."""
    top, bottom = base - 0.9 * size, base + 0.2 * size
    return {"text": text, "x0": x0, "x1": x0 + 0.5 * size, "top": top, "bottom": bottom, "doctop": top,
            "y0": 800 - bottom, "y1": 800 - top, "matrix": (1, 0, 0, 1, x0, 800 - base), "upright": True,
            "size": size, "height": bottom - top, "width": 0.5 * size}


def test_a_space_on_a_baseline_of_its_own_does_not_cut_the_word_of_a_line_near_it():
    word = [char_of(c, 100 + 4 * i, 70, 8) for i, c in enumerate("Réception")]
    dates = [char_of(c, 200 + 4 * i, 68, 9) for i, c in enumerate("28/04")]  # a larger type, 2 pt higher
    stray = char_of(" ", 102.5, 65.5, 7)  # a space over the "R", on no line of the text
    assert [line.text for line in text_lines(aligned_chars(word + dates + [stray]))] == ["Réception 28/04"]


def test_a_small_type_on_the_baseline_of_a_much_larger_word_keeps_its_own_top():
    logo = [char_of(c, 50 + 10 * i, 60, 20) for i, c in enumerate("LOGO")]
    above = [char_of(c, 300 + 4 * i, 52, 8) for i, c in enumerate("Mairie")]
    address = [char_of(c, 300 + 4 * i, 60.6, 8) for i, c in enumerate("Place")]  # 0.6 pt below the logo's baseline
    assert [line.text for line in text_lines(aligned_chars(logo + above + address))] == ["LOGO Mairie", "Place"]
