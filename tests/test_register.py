"""The partner register: the demo YAML, the CSV flavour, and errors with their lines."""

from __future__ import annotations

import codecs
import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from graph.ingest.base import InputError, SourceContext
from graph.ingest.register import detect, extract
from graph.namespaces import MAI, ORG, SCHEMA

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ID = "https://w3id.org/maillage/id/"
PTCE = URIRef(ID + "actor/ptce-sante-danaecare")


def demo():
    path = EXAMPLES / "ptce-registre.yaml"
    return extract(SourceContext(path, path.read_bytes()))


def yaml_ctx(text: str) -> SourceContext:
    return SourceContext(Path("r.yaml"), text.encode())


def test_the_demo_register_imports_all_members_goals_and_actions():
    assert demo().stats == {"members": 8, "goals": 3, "actions": 3, "grant_entries": 1, "rows_rejected": 0,
                            "warnings": 0}


@pytest.mark.parametrize("member, cls", [
    ("danaecare", MAI.Association), ("siren-244200770", MAI.PublicAuthority), ("rna-w423000001", MAI.Association),
    ("universite-fictive-loire-laboratoire-sante-publique", MAI.University),
    ("maison-sante-pluriprofessionnelle-pilat-fictive", MAI.HealthProfessional),
    ("collectif-usagers-bassin-stephanois-fictif", MAI.UserGroup),
])
def test_members_get_the_class_of_their_kind(member, cls):
    assert (URIRef(ID + "actor/" + member), RDF.type, cls) in demo().graph


def test_a_membership_links_member_ptce_circle_and_dates():
    g = demo().graph
    m = URIRef(ID + "membership/ptce-sante-danaecare/mutuelle-solidaire-de-l-ondaine-fictive")
    assert [str(g.value(m, p)) for p in (ORG.organization, ORG.role, MAI.joinedOn, MAI.leftOn)] == [
        str(PTCE), "https://w3id.org/maillage/ontology/circle/partenaires", "2024-06-01", "2025-06-30"]


def test_the_ptce_is_coordinated_by_its_coordinator_and_has_its_goals():
    g = demo().graph
    assert (g.value(PTCE, MAI.coordinatedBy), len(list(g.objects(PTCE, MAI.hasGoal)))) == (
        URIRef(ID + "actor/danaecare"), 3)
    goal = URIRef(ID + "goal/ptce-sante-danaecare/2")
    assert (g.value(goal, SKOS.notation), g.value(goal, SKOS.inScheme)) == (
        Literal(2, datatype=XSD.integer), URIRef(ID + "goals/ptce-sante-danaecare"))


def test_themes_are_matched_by_label_and_the_esus_flag_is_kept():
    g = demo().graph
    coop = URIRef(ID + "actor/siren-100000000")
    assert sorted(str(t).rsplit("/", 1)[1] for t in g.objects(coop, DCTERMS.subject)) == ["e-sante", "telemedecine"]
    assert g.value(coop, MAI.esus) == Literal(True)


def test_roadmap_actions_serve_their_goal():
    g = demo().graph
    action = URIRef(ID + "action/ptce-sante-danaecare/cartographie-des-acteurs-de-sante-du-territoire")
    assert [str(g.value(action, p)) for p in (DCTERMS.title, MAI.contributesTo)] == [
        "Cartographie des acteurs de santé du territoire", ID + "goal/ptce-sante-danaecare/1"]


def test_unknown_themes_circles_goals_and_bad_dates_are_warned_with_their_yaml_line():
    ex = extract(yaml_ctx("format: maillage-register/1\nptce:\n  name: P\n  goals:\n    - {rank: 1, label: G}\n"
                          "members:\n  - name: A\n    kind: martien\n    circle: lune\n    joined: bientôt\n"
                          "    themes: [astrologie]\n    goals: [9]\n  - kind: association\n"))
    assert [(i.level, i.line, i.field) for i in ex.issues] == [
        ("warning", 8, "kind"), ("warning", 11, "themes"), ("warning", 12, "goals"), ("warning", 9, "circle"),
        ("warning", 10, "joined"), ("error", 13, "name")]


def test_a_yaml_syntax_error_is_reported_with_its_line():
    with pytest.raises(InputError) as caught:
        extract(yaml_ctx("format: maillage-register/1\nmembers:\n  - name: [A\n"))
    assert caught.value.issue.line == 4


def test_an_unknown_format_version_is_refused():
    with pytest.raises(InputError, match="format « maillage-register/2 » inconnu"):
        extract(yaml_ctx("format: maillage-register/2\nmembers:\n  - name: A\n"))


def test_the_csv_flavour_gives_the_same_kind_of_members():
    ctx = SourceContext(Path("registre.csv"), (
        "# ptce: PTCE santé DanaeCare\n# coordinator: DanaeCare\n"
        "name;kind;circle;joined;left;themes;goals;siren;siret;rna\n"
        "DanaeCare;association;coeur;2024-05-16;;tiers-lieu santé|prévention;;;;\n"
        "Saint-Etienne Métropole;collectivite;financeurs;16/05/2024;;;;244200770;;\n").encode())
    ex = extract(ctx)
    assert (detect(ctx), ex.stats["members"], ex.graph.value(PTCE, MAI.coordinatedBy)) == (
        95, 2, URIRef(ID + "actor/danaecare"))
    assert (URIRef(ID + "actor/siren-244200770"), RDF.type, MAI.PublicAuthority) in ex.graph


def test_a_csv_register_says_when_its_ptce_is_unnamed_and_why_its_goals_are_unknown():
    ex = extract(SourceContext(Path("registre.csv"), (
        "name;kind;circle;joined;left;themes;goals;siren;siret;rna\n"
        "DanaeCare;association;coeur;2024-05-16;;;1|2;;;\n").encode()))
    assert [(i.line, i.message) for i in ex.issues] == [
        (1, "registre CSV sans ligne « # ptce: NOM » avant l'en-tête : le PTCE est nommé d'après le fichier "
            "(« registre »)"),
        (2, "membre « DanaeCare » : objectif inconnu « 1 » : ce registre ne déclare pas les objectifs du PTCE (en "
            "CSV, une ligne « # objectif 1: LIBELLÉ » avant l'en-tête ; en YAML, sous ptce: objectifs)"),
        (2, "membre « DanaeCare » : objectif inconnu « 2 » : ce registre ne déclare pas les objectifs du PTCE (en "
            "CSV, une ligne « # objectif 1: LIBELLÉ » avant l'en-tête ; en YAML, sous ptce: objectifs)")]


CSV_REGISTER = ("name;kind;circle;joined;left;themes;goals;siren;siret;rna\r\n"
                "DanaeCare;association;coeur;16/05/2024;;;;;;W751085568\r\n"
                "Saint-Étienne Métropole;collectivite;financeurs;2024-05-16;;;;244200770;;\r\n")


@pytest.mark.parametrize("data, warnings", [
    (CSV_REGISTER.encode("utf-8"), []),
    (codecs.BOM_UTF8 + CSV_REGISTER.encode("utf-8"), []),
    (CSV_REGISTER.encode("cp1252"), ["registre enregistré en Windows-1252, pas en UTF-8 : lu comme tel (vérifiez "
                                     "ses accents)"]),
    (codecs.BOM_UTF16_LE + CSV_REGISTER.encode("utf-16-le"), ["registre enregistré en UTF-16, pas en UTF-8 : lu "
                                                               "comme tel (vérifiez ses accents)"]),
], ids=["utf-8", "utf-8-bom", "cp1252", "utf-16"])
def test_a_csv_register_saved_by_excel_is_detected_and_read_whatever_its_encoding(data, warnings):
    ctx = SourceContext(Path("registre.csv"), data)
    ex = extract(ctx)
    assert detect(ctx) == 95
    assert [i.message for i in ex.issues if i.line is None] == warnings
    assert ex.graph.value(URIRef(ID + "actor/siren-244200770"), RDFS.label) == Literal("Saint-Étienne Métropole")


@pytest.mark.parametrize("codec, said", [("cp1252", "Windows-1252"), ("utf-16", "UTF-16")])
def test_a_yaml_register_saved_in_cp1252_or_utf_16_is_detected_and_read_as_such_with_a_warning(codec, said):
    ctx = SourceContext(Path("r.yaml"), (
        "format: maillage-register/1\nptce:\n  name: PTCE Santé Entre-deux-Mers\nmembers:\n"
        "  - {name: Mutuelle Générale, kind: mutuelle, circle: financeurs}\n").encode(codec))
    assert detect(ctx) == 100
    ex = extract(ctx)
    assert ex.graph.value(URIRef(ID + "actor/ptce-sante-entre-deux-mers"), RDFS.label) == Literal(
        "PTCE Santé Entre-deux-Mers")
    assert [i.message for i in ex.issues if i.line is None] == [
        f"registre enregistré en {said}, pas en UTF-8 : lu comme tel (vérifiez ses accents)"]


def xlsx(rows: list[list], *others: tuple[str, list[list]]) -> bytes:
    """An XLSX workbook of text cells (inline strings) and number cells (the ints and floats of ``rows``), as a
    spreadsheet saves a register: a sheet « Feuil1 » of ``rows``, then the ``others`` (each a sheet's name and
    rows)."""
    ns = "http://schemas.openxmlformats.org/"
    rel = f"{ns}officeDocument/2006/relationships"
    sheets = [("Feuil1", rows), *others]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.'
                            'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                            for n in range(1, len(sheets) + 1))
        z.writestr("[Content_Types].xml", f'<Types xmlns="{ns}package/2006/content-types"><Default Extension="rels" '
                   'ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
                   'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
                   f'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>{overrides}</Types>')
        z.writestr("_rels/.rels", f'<Relationships xmlns="{ns}package/2006/relationships"><Relationship Id="rId1" '
                   f'Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<workbook xmlns="{ns}spreadsheetml/2006/main" xmlns:r="{rel}"><sheets>'
                   + "".join(f'<sheet name="{escape(name)}" sheetId="{n}" r:id="rId{n}"/>'
                             for n, (name, _) in enumerate(sheets, start=1)) + '</sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{ns}package/2006/relationships">'
                   + "".join(f'<Relationship Id="rId{n}" Type="{rel}/worksheet" Target="worksheets/sheet{n}.xml"/>'
                             for n in range(1, len(sheets) + 1)) + '</Relationships>')
        for n, (_, sheet_rows) in enumerate(sheets, start=1):
            cells = "".join(f'<row r="{line}">' + "".join(
                f'<c r="{chr(65 + i)}{line}"><v>{v!r}</v></c>' if isinstance(v, (int, float)) else
                f'<c r="{chr(65 + i)}{line}" t="inlineStr"><is><t>{escape(v)}</t></is></c>'
                for i, v in enumerate(row) if v) + "</row>" for line, row in enumerate(sheet_rows, start=1))
            z.writestr(f"xl/worksheets/sheet{n}.xml", f'<worksheet xmlns="{ns}spreadsheetml/2006/main"><sheetData>'
                       f'{cells}</sheetData></worksheet>')
    return out.getvalue()


def test_a_register_saved_as_xlsx_is_detected_and_read_as_its_csv_would_be():
    ctx = SourceContext(Path("registre.xlsx"), xlsx([
        ["# ptce: PTCE Santé Rive Droite"], [],
        ["name", "kind", "circle", "joined", "siren"],
        ["Mutuelle Girondine", "mutuelle", "financeurs", "2024-01-15", "244200770"],
        ["CPTS Rive Droite", "association", "coeur", "bientôt"]]))
    ex = extract(ctx)
    assert (detect(ctx), ex.stats["members"]) == (95, 2)
    assert ex.graph.value(URIRef(ID + "actor/siren-244200770"), RDFS.label) == Literal("Mutuelle Girondine")
    assert ("joined", 5) in [(i.field, i.line) for i in ex.issues]


@pytest.mark.parametrize("spreadsheet", [False, True])
def test_the_ptce_lines_above_a_registers_header_are_read_without_their_hash(spreadsheet):
    rows = [["ptce: PTCE santé Val de Lise", "", "", ""], ["coordinateur", "Association Sésame", "", ""],
            ["objectif 1 :", "Prévenir la perte d'autonomie", "", ""], ["Nom", "Type", "Cercle", "Entrée"],
            ["Association Sésame", "association", "coeur", "2024-01-15"]]
    data = xlsx(rows) if spreadsheet else "".join(";".join(r) + "\n" for r in rows).encode()
    ctx = SourceContext(Path("registre.xlsx" if spreadsheet else "registre.csv"), data)
    ex = extract(ctx)
    ptce = URIRef(ID + "actor/ptce-sante-val-lise")
    assert (detect(ctx), ex.stats["members"], ex.stats["goals"], [i.message for i in ex.issues]) == (95, 1, 1, [])
    assert (ex.graph.value(ptce, RDFS.label), ex.graph.value(ptce, MAI.coordinatedBy)) == (
        Literal("PTCE santé Val de Lise"), URIRef(ID + "actor/sesame"))


@pytest.mark.parametrize("notes", [
    [["Mode d'emploi"], ["Une ligne par membre, avec son nom, son type et son cercle."]],
    [["À lire"], ["Colonnes :", "nom", "type, cercle, date d'entrée"]],
    []])
def test_a_register_workbook_whose_members_follow_a_sheet_of_notes_is_read_with_a_warning_naming_the_sheet(notes):
    ctx = SourceContext(Path("registre.xlsx"), xlsx(notes, ("Membres", [
        ["# ptce: PTCE Santé Rive Droite"], ["Nom", "Type", "Cercle", "Date d'entrée"],
        ["Mutuelle Girondine", "mutuelle", "financeurs", "2024-01-15"],
        ["CPTS Rive Droite", "association", "coeur", "2024-02-01"]])))
    ex = extract(ctx)
    assert (detect(ctx), ex.stats["members"]) == (95, 2)
    assert [(i.level, i.line, i.message) for i in ex.issues] == [
        ("warning", None, "feuille « Membres » lue, et non la première (« Feuil1 ») : c'est son en-tête qui "
                          "nomme les colonnes attendues")]


def test_a_register_workbook_reads_its_first_sheet_when_another_names_fewer_of_its_columns():
    ex = extract(SourceContext(Path("registre.xlsx"), xlsx(
        [["# ptce: P"], ["name", "kind", "circle", "joined"], ["A", "association", "coeur", "2024-01-15"]],
        ("Contacts", [["nom", "siren", "siret", "rna"], ["B", "244200770", "", ""]]))))
    assert (ex.stats["members"], ex.issues) == (1, [])


def test_a_register_whose_header_cannot_be_found_is_refused_saying_so():
    with pytest.raises(InputError) as refused:
        extract(SourceContext(Path("r.csv"), "ptce: P\nNom;Cercle;Entrée\nA;coeur;2024-01-01\n".encode()))
    assert (refused.value.issue.line, refused.value.issue.message) == (1, (
        "en-tête du registre introuvable : la ligne « ptce: P » ne nomme aucune de ses colonnes, et aucune des 30 "
        "premières lignes ne nomme à la fois nom, type et cercle (name, kind, circle) ; écrivez l'en-tête avant les "
        "membres (par exemple nom;type;cercle;date d'entrée)"))


def test_a_value_beyond_a_register_sheets_header_names_its_column_not_quotes():
    with pytest.raises(InputError) as refused:
        extract(SourceContext(Path("registre.xlsx"), xlsx([
            ["# ptce: P"], ["name", "kind", "circle"], ["A", "association", "coeur", "", "à relancer"]])))
    assert (refused.value.issue.line, refused.value.issue.message) == (3, (
        "valeur « à relancer » en colonne E, que l'en-tête (ligne 2) ne nomme pas : nommez la colonne ou videz la "
        "cellule ; registre refusé, pour ne pas perdre ce qu'elle dit"))


def test_empty_cells_beyond_a_csv_registers_header_are_ignored():
    ex = extract(SourceContext(Path("registre.csv"), (
        "name;kind;circle;joined;left;themes;goals;siren;siret;rna\n"
        "DanaeCare;association;coeur;16/05/2024;;;;;;W751085568;\n"
        "Saint-Etienne Métropole;collectivite;financeurs;2024-05-16;;;;244200770;;;;\n").encode()))
    assert (ex.stats["members"], [i for i in ex.issues if i.level == "error"]) == (2, [])


@pytest.mark.parametrize("row, said", [
    ("Centre hospitalier;entreprise;opérationnel;01/09/2024;;;;;;;Lyon", "un séparateur dans une valeur non entre "
     "guillemets ? mettez-la entre guillemets"),
    ("Sport Santé;association;partenaires;2024-02-01;;sport sur ordonnance; activité physique adaptée;1;;;W381007777",
     "la valeur « sport sur ordonnance; activité physique adaptée » contient sans doute le séparateur ; mettez-la "
     "entre guillemets"),
])
def test_values_beyond_a_csv_registers_header_refuse_the_register_naming_the_value_to_quote(row, said):
    with pytest.raises(InputError) as refused:
        extract(SourceContext(Path("registre.csv"), (
            "name;kind;circle;joined;left;themes;goals;siren;siret;rna\n"
            f"DanaeCare;association;coeur;16/05/2024;;;;;;W751085568;\n{row}\n").encode()))
    assert (refused.value.issue.line, refused.value.issue.message) == (
        3, f"11 cellules pour 10 colonnes : {said} ; registre refusé, pour ne pas perdre ce membre")


@pytest.mark.parametrize("name, text, score", [("r.yaml", "format: maillage-register/1\n", 100),
                                               ("r.csv", "nomBeneficiaire;montant\n", 0), ("r.yaml", "a: 1\n", 0)])
def test_detection_scores_registers_only(name, text, score):
    assert detect(SourceContext(Path(name), text.encode())) == score


@pytest.mark.parametrize("text", [
    "format: maillage-register/1\nmembers:\n" + "".join(f"  - {{name: M{i}, joined: '2024-05-{i:02d}'}}\n"
                                                         for i in range(1, 20)),
    "a: &x [1, 2]\nb: [*x, *x]\nc: 'é'\nd: true\ne: ~\nf: -12\n", "", "# only a comment\n",
])
def test_yaml_is_read_once_into_the_values_that_safe_load_gives(text):
    import yaml

    from graph.ingest.register import load_yaml

    assert load_yaml(text)[1] == yaml.safe_load(text)


def test_a_deeply_nested_yaml_register_is_an_input_error_not_a_crash():
    text = "format: maillage-register/1\n" + "".join(" " * i + f"k{i}:\n" for i in range(3000))
    with pytest.raises(InputError, match="YAML invalide"):
        extract(yaml_ctx(text))


@pytest.mark.parametrize("text, line, said", [
    ("format: maillage-register/1\nmembres:\n  - nom: A\n  nom: B\n", 4,
     "YAML invalide, colonne 3 : un élément de liste (« - ») est attendu ici : la ligne n'est pas alignée sur les "
     "« - » qui la précèdent"),
    ("format: maillage-register/1\nptce:\n  nom: A\n sigle: B\n", 4,
     "YAML invalide, colonne 2 : une clé (« nom: ») est attendue ici : la ligne n'est pas alignée sur les clés qui la "
     "précèdent"),
    ("format: maillage-register/1\nptce:\n  nom: 'A\n", 3, "YAML invalide, colonne 8 : le fichier s'arrête avant "
     "le guillemet qui ferme ce texte"),  # the line where the quote opens
    ("format: maillage-register/1\nptce:\n  nom: \"A\n  goals:\n    - rank: 1\nmembers:\n  - name: A\n", 3,
     "YAML invalide, colonne 8 : le fichier s'arrête avant le guillemet qui ferme ce texte"),
])
def test_a_yaml_syntax_error_is_told_in_french_with_its_line_and_column(text, line, said):
    with pytest.raises(InputError) as caught:
        extract(yaml_ctx(text))
    assert (caught.value.issue.line, caught.value.issue.message) == (line, said)


@pytest.mark.parametrize("scalar, value", [
    ("NO", "NO"), ("ON", "ON"), ("yes", "yes"), ("oui", "oui"), ("010000016", "010000016"), ("0x1F", "0x1F"),
    ("2024-05-16", "2024-05-16"), ("214201865.0", "214201865.0"), ("1_000", "1_000"), ("1901", 1901),
    ("true", True), ("False", False), ("~", None),
])
def test_yaml_scalars_that_yaml_1_1_would_turn_into_booleans_numbers_or_dates_stay_as_written(scalar, value):
    from graph.ingest.register import load_yaml

    assert load_yaml(f"v: {scalar}\n")[1] == {"v": value}


def test_a_member_named_no_keeps_its_name_and_an_unquoted_siren_keeps_its_leading_zero():
    ex = extract(yaml_ctx("format: maillage-register/1\nptce:\n  name: P\nmembers:\n  - name: NO\n"
                          "    kind: entreprise\n    siren: 010000016\n"))
    assert ex.graph.value(URIRef(ID + "actor/siren-010000016"), RDFS.label) == Literal("NO")


def test_an_impossible_unquoted_yaml_date_is_a_warning_with_its_line_not_a_crash():
    ex = extract(yaml_ctx("format: maillage-register/1\nptce:\n  name: P\nmembers:\n  - name: A\n"
                          "    joined: 2024-01-15\n  - name: B\n    joined: 2025-04-31\n"))
    assert [(i.line, i.field, i.message) for i in ex.issues if i.field == "joined"] == [
        (8, "joined", "membre « B » : date impossible « 2025-04-31 » : ignorée, le membre est enregistré sans date "
                      "d'entrée")]


@pytest.mark.parametrize("text, key, lines", [
    ("format: maillage-register/1\nmembers:\n  - name: A\nactions:\n  - title: T\nmembers:\n  - name: B\n",
     "members", (2, 6)),
    ("format: maillage-register/1\nmembers:\n  - name: A\n    themes: [aidants]\n    joined: 2024-01-01\n"
     "    themes: [vieillissement]\n", "themes", (4, 6)),
])
def test_a_key_written_twice_in_a_yaml_mapping_refuses_the_register_naming_it_and_both_lines(text, key, lines):
    with pytest.raises(InputError) as caught:
        extract(yaml_ctx(text))
    issue = caught.value.issue
    assert (issue.message, issue.line, issue.field) == (
        f"clé « {key} » en double, lignes {lines[0]} et {lines[1]} : YAML ne garderait que la seconde ; fusionnez-les "
        "ou renommez l'une", lines[1], key)


def test_a_merge_key_may_be_overridden_by_the_mapping_that_merges_it():
    ex = extract(yaml_ctx("format: maillage-register/1\nptce:\n  name: P\ndefaults: &d\n  kind: association\n"
                          "members:\n  - <<: *d\n    name: A\n    kind: entreprise\n"))
    assert (URIRef(ID + "actor/a"), RDF.type, MAI.Enterprise) in ex.graph


def issues_of(ex):
    return [(i.line, i.field, i.message) for i in ex.issues]


def test_unknown_yaml_keys_are_warned_about_with_the_key_they_probably_mean():
    ex = extract(yaml_ctx("format: maillage-register/1\nptce:\n  name: P\n  coordinater: A\ngoals:\n  - rank: 1\n"
                          "members:\n  - name: A\n    theme: [aidants]\n    joined_on: 2024-01-15\n    exit: 2025\n"
                          "action:\n  - title: T\n"))
    assert [(line, key, message) for line, key, message in issues_of(ex) if "clé" in message] == [
        (5, "goals", "clé inconnue « goals » du registre, ignorée : c'est une clé de ptce:, pas du registre "
                     "(vérifiez son indentation)"),
        (12, "action", "clé inconnue « action » du registre, ignorée : vouliez-vous dire « actions » ?"),
        (4, "coordinater", "clé inconnue « coordinater » de ptce:, ignorée : vouliez-vous dire « coordinator » ?"),
        (9, "theme", "clé inconnue « theme » d'un membre, ignorée : vouliez-vous dire « themes » ?"),
        (10, "joined_on", "clé inconnue « joined_on » d'un membre, ignorée : vouliez-vous dire « joined » ?"),
        (11, "exit", "clé inconnue « exit » d'un membre, ignorée : clés lues d'un membre : name, kind, circle, "
                     "joined, left, themes, goals, siren, siret, rna, esus")]


def test_keys_are_read_whatever_their_case_accents_or_french_name():
    ex = extract(yaml_ctx("Format: maillage-register/1\nPTCE:\n  nom: P\n  objectifs:\n    - {rang: 1, libellé: G}\n"
                          "membres:\n  - Nom: A\n    Type: association\n    cercle: coeur\n"
                          "    date d'entrée: 2024-01-15\n    Thèmes: [aidants]\n    Objectifs: [1]\n"
                          "    SIREN: '244200770'\n"))
    actor = URIRef(ID + "actor/siren-244200770")
    m = URIRef(ID + "membership/p/a")
    assert (issues_of(ex), ex.graph.value(actor, RDFS.label), ex.graph.value(actor, MAI.contributesTo),
            str(ex.graph.value(m, ORG.role)), str(ex.graph.value(m, MAI.joinedOn))) == (
        [], Literal("A"), URIRef(ID + "goal/p/1"), "https://w3id.org/maillage/ontology/circle/coeur", "2024-01-15")


_FRENCH_HEAD = ("format: maillage-register/1\nptce:\n  nom: P\n  objectifs: [{rang: 1, libellé: Un}]\nmembres:\n"
                "  - {nom: A, type: association, cercle: coeur, date d'entrée: 2024-13-01}\n")


@pytest.mark.parametrize("tail, expected", [
    ("financements:\n  - {délibération: 2024.1, beneficiare: A, objectifs: [1]}\n",
     (8, "beneficiare", "clé inconnue « beneficiare » d'un financement, ignorée : vouliez-vous dire « bénéficiaire "
                        "» ?")),
    ("financements:\n  - {délibération: 2024.1, bénéfciary: A, objectifs: [1]}\n",
     (8, "bénéfciary", "clé inconnue « bénéfciary » d'un financement, ignorée : vouliez-vous dire « bénéficiaire » ?")),
    ("", (6, "date d'entrée", "membre « A » : date impossible « 2024-13-01 » : ignorée, le membre est enregistré sans "
                              "date d'entrée")),
])
def test_register_warnings_name_the_keys_as_the_register_writes_them(tail, expected):
    assert expected in issues_of(extract(yaml_ctx(_FRENCH_HEAD + tail)))


@pytest.mark.parametrize("tail, field, message", [
    ("financements:\n  - {délibération: 2024.1, objectifs: [4]}\n", "objectifs",
     "objectif inconnu « 4 » (objectifs déclarés sous ptce: objectifs : 1)"),
    ("financements:\n  - {bénéficiaire: A, objectifs: [1]}\n", "délibération",
     "financement sans numéro de délibération (délibération) ni identifiant de subvention (idSubvention) : il ne "
     "désigne aucune subvention"),
    ("financements:\n  - {délibération: 2024.1}\n", "objectifs",
     "financement sans objectif (objectifs : les rangs des objectifs qu'il sert)"),
])
def test_a_refused_grant_entry_names_the_keys_as_the_register_writes_them(tail, field, message):
    with pytest.raises(InputError) as err:
        extract(yaml_ctx(_FRENCH_HEAD + tail))
    assert (err.value.issue.field, err.value.issue.message) == (field, message)


def test_a_register_with_several_unknown_goals_is_refused_naming_each_with_its_line():
    text = ("format: maillage-register/1\nptce:\n  nom: P\n  objectifs: [{rang: 1, libellé: Un}]\nmembres:\n"
            "  - {nom: A, type: association, cercle: coeur, objectifs: [1, 3]}\n"
            "  - {nom: B, type: association, cercle: coeur, objectifs: [5]}\n"
            "financements:\n  - {délibération: 2024.1, objectifs: [4, 6]}\n  - {délibération: 2024.2, objectifs: [1]}\n"
            "  - {délibération: 2024.3, objectifs: [7]}\n")
    with pytest.raises(InputError) as err:
        extract(yaml_ctx(text))
    assert (err.value.issue.line, err.value.issue.message) == (
        9, "objectif inconnu « 4 » (objectifs déclarés sous ptce: objectifs : 1) ; autres objectifs inconnus : « 3 » "
           "ligne 6, « 5 » ligne 7, « 6 » ligne 9, « 7 » ligne 11")


def test_a_register_with_several_faulty_grant_entries_is_refused_naming_each_with_its_line():
    text = ("format: maillage-register/1\nptce:\n  name: P\n  goals: [{rank: 1, label: Un}]\n"
            "members:\n  - {name: A, kind: association, circle: coeur}\n"
            "grants:\n  - {deliberation: DEL-2024-012, goals: [2]}\n"
            "  - {grant_id: NAQ-2024-0187, siret: '1234567890123', goals: [1]}\n"
            "  - {deliberation: DEL, goals: [1]}\n")
    with pytest.raises(InputError) as err:
        extract(yaml_ctx(text))
    assert (err.value.issue.line, err.value.issue.message) == (
        8, "objectif inconnu « 2 » (objectifs déclarés sous ptce: goals : 1) ; autres erreurs des financements : "
           "ligne 9, siret : SIRET « 1234567890123 » refusé : SIRET abîmé par un passage en nombre à virgule (chiffres "
           "perdus) ; ligne 10, deliberation : numéro de délibération « DEL » sans chiffre")


@pytest.mark.parametrize("ctx", [
    yaml_ctx("format: maillage-register/1\nptce:\n  nom: P\n  territoire: Antibes  Juan-les-Pins\nmembres:\n"
             "  - {nom: A, type: association, cercle: coeur, date d'entrée: 2024-01-01}\n"),
    SourceContext(Path("r.csv"), "# ptce: P\n# territory: Antibes Juan-les-Pins\nname;kind;circle;joined\n"
                                 "A;association;coeur;2024-01-01\n".encode()),
])
def test_the_ptces_territory_is_the_area_it_serves(ctx):
    ex = extract(ctx)
    assert list(ex.graph.objects(URIRef(ID + "actor/p"), SCHEMA.areaServed)) == [Literal("Antibes Juan-les-Pins")]
    assert ex.issues == []


def test_two_keys_of_one_field_are_warned_about_and_the_first_is_read():
    ex = extract(yaml_ctx("format: maillage-register/1\nptce:\n  name: P\nmembers:\n  - name: A\nmembres:\n"
                          "  - name: B\n"))
    assert (ex.stats["members"], [i for i in issues_of(ex) if i[1] == "membres"]) == (1, [
        (6, "membres", "« members » et « membres » désignent le même champ : le premier est lu, le second "
                       "ignoré")])


def test_unknown_csv_columns_are_warned_about_on_the_header_line():
    ex = extract(SourceContext(Path("registre.csv"), (
        "# ptce: P\nname;kind;circle;date_entree;thems;email\nA;association;coeur;2024-01-01;aidants;a@b.fr\n"
    ).encode()))
    assert issues_of(ex) == [
        (2, "thems", "clé inconnue « thems » d'un membre, ignorée : vouliez-vous dire « themes » ?"),
        (2, "email", "clé inconnue « email » d'un membre, ignorée : clés lues d'un membre : name, kind, circle, "
                     "joined, left, themes, goals, siren, siret, rna, esus")]
    assert str(ex.graph.value(URIRef(ID + "membership/p/a"), MAI.joinedOn)) == "2024-01-01"


@pytest.mark.parametrize("header", [
    "Name ; Kind ; Circle ; Joined", '"name";"kind";"circle";"joined"', "nom;type;cercle;entrée",
    "NOM;Type de membre;Cercle;Date d'entrée",
])
def test_a_csv_register_is_detected_and_read_whatever_the_case_quotes_spaces_or_french_names_of_its_columns(header):
    ctx = SourceContext(Path("registre.csv"), f"# ptce: P\n{header}\nA;association;coeur;2024-01-01\n".encode())
    ex = extract(ctx)
    m = URIRef(ID + "membership/p/a")
    assert (detect(ctx), issues_of(ex), str(ex.graph.value(m, MAI.joinedOn))) == (95, [], "2024-01-01")


def test_a_csv_with_some_register_columns_says_which_it_lacks():
    from graph.ingest import detect_kind, kinds

    with pytest.raises(InputError) as caught:
        detect_kind(SourceContext(Path("registre.csv"), b"# ptce: P\nnom;type;joined\nA;association;2024-01-01\n"))
    assert (caught.value.issue.message, caught.value.issue.line) == (
        "type de fichier non reconnu : l'en-tête ressemble à un registre des partenaires (joined, kind, name), mais "
        f"il y manque : circle ; corrigez-le ou précisez --kind ({', '.join(kinds())})", 2)


@pytest.mark.parametrize("comments", [
    "# ptce: PTCE Resave;;;;;;;;;\n# coordinator: A;;;;;;;;;\n",
    '"# ptce: PTCE Resave";;;\n"# coordinator: A"\n',
    ";;;;\n# ptce: PTCE Resave\n;;;;\n# coordinator: A\n;;;;\n",
], ids=["padded", "quoted", "empty-rows"])
def test_comment_lines_that_a_spreadsheet_padded_or_quoted_still_name_the_ptce_and_its_coordinator(comments):
    ex = extract(SourceContext(Path("registre.csv"), (
        comments + "name;kind;circle;joined\nA;association;coeur;15/01/2024\n").encode()))
    ptce = URIRef(ID + "actor/ptce-resave")
    assert (ex.graph.value(ptce, RDFS.label), ex.graph.value(ptce, MAI.coordinatedBy)) == (
        Literal("PTCE Resave"), URIRef(ID + "actor/a"))


def test_a_csv_register_declares_the_ptces_goals_in_comment_lines_and_its_members_refer_to_them():
    ex = extract(SourceContext(Path("registre.csv"), (
        "# ptce: P\n# objectif 1: Favoriser l'accès aux soins;;;\n# Objectif n° 2 : Soutenir les aidants\n"
        "# coordinater: A\nname;kind;circle;joined;goals\nA;association;coeur;2024-01-15;1|2\n").encode()))
    g = ex.graph
    goal = URIRef(ID + "goal/p/2")
    served = sorted(g.objects(URIRef(ID + "actor/a"), MAI.contributesTo))
    assert (ex.stats["goals"], g.value(goal, SKOS.prefLabel), served, issues_of(ex)) == (
        2, Literal("Soutenir les aidants", lang="fr"), [URIRef(ID + "goal/p/1"), goal], [
        (4, "coordinater", "ligne « # coordinater: » non lue : écrivez « # coordinator: … »")])


def memberships(ex):
    g = ex.graph
    return sorted((str(m).rsplit("/", 1)[1], str(g.value(m, ORG.role)).rsplit("/", 1)[1],
                   str(g.value(m, MAI.joinedOn)), str(g.value(m, MAI.leftOn)))
                  for m in g.subjects(RDF.type, ORG.Membership))


@pytest.mark.parametrize("name, text", [
    ("r.yaml", "format: maillage-register/1\nptce:\n  name: P\nmembers:\n  - name: Mutuelle\n    kind: entreprise\n"
               "    circle: partenaires\n    joined: 2023-01-10\n    left: 2023-12-31\n  - name: Mutuelle\n"
               "    kind: entreprise\n    circle: operationnel\n    joined: 2024-09-01\n"),
    ("r.csv", "# ptce: P\nname;kind;circle;joined;left\nMutuelle;entreprise;partenaires;10/01/2023;31/12/2023\n"
              "Mutuelle;entreprise;operationnel;01/09/2024;\n"),
])
def test_a_member_who_left_and_came_back_has_one_membership_for_each_period(name, text):
    ex = extract(SourceContext(Path(name), text.encode()))
    assert (memberships(ex), [i for i in ex.issues if i.field == "name"]) == ([
        ("2023-01-10", "partenaires", "2023-01-10", "2023-12-31"),
        ("2024-09-01", "operationnel", "2024-09-01", "None")], [])


def test_an_exit_date_before_the_entry_date_is_warned_about_and_ignored_so_the_member_stays_current():
    ex = extract(SourceContext(Path("r.csv"), (
        "# ptce: P\nname;kind;circle;joined;left\nMutuelle;mutuelle;partenaires;2024-06-01;2023-12-31\n").encode()))
    assert (memberships(ex), issues_of(ex)) == (
        [("mutuelle", "partenaires", "2024-06-01", "None")],
        [(3, "left", "membre « Mutuelle » : date de sortie (2023-12-31) avant la date d'entrée (2024-06-01) : date "
                     "de sortie ignorée, le membre reste actuel ; corrigez l'une des deux")])


def test_a_member_listed_twice_on_identical_lines_is_reported_and_read_once():
    ex = extract(SourceContext(Path("r.csv"), (
        "# ptce: P\nname;kind;circle;joined\nA;association;coeur;2024-01-15\nB;association;coeur;2024-01-15\n"
        "A;association;coeur;2024-01-15\n").encode()))
    assert (memberships(ex), issues_of(ex)) == (
        [("a", "coeur", "2024-01-15", "None"), ("b", "coeur", "2024-01-15", "None")],
        [(5, "name", "membre listé deux fois, lignes 3 et 5 : la seconde est ignorée")])


def test_a_member_listed_twice_for_overlapping_periods_is_reported_and_has_two_memberships():
    ex = extract(yaml_ctx("format: maillage-register/1\nptce:\n  name: P\nmembers:\n  - name: A\n"
                          "    kind: association\n    circle: coeur\n    joined: 2024-01-15\n  - name: A\n"
                          "    kind: association\n"
                          "    circle: operationnel\n    joined: 2024-03-01\n"))
    assert (memberships(ex), issues_of(ex)) == (
        [("2024-01-15", "coeur", "2024-01-15", "None"), ("2024-03-01", "operationnel", "2024-03-01", "None")],
        [(9, "name", "membre listé deux fois, lignes 5 et 9, pour des périodes qui se chevauchent (ou sans date "
                     "d'entrée) : deux adhésions distinctes")])


def one_member(**values) -> tuple:
    fields = {"name": "A", "kind": "association", "circle": "coeur", "joined": "2024-01-15", **values}
    ex = extract(SourceContext(Path("r.csv"), (
        "# ptce: P\n" + ";".join(fields) + "\n" + ";".join(fields.values()) + "\n").encode()))
    return ex, [(i.field, i.message) for i in ex.issues]


@pytest.mark.parametrize("kind, cls", [
    ("Collectivité", MAI.PublicAuthority), ("collectivité territoriale", MAI.PublicAuthority),
    ("EPCI", MAI.PublicAuthority), ("Entreprise de l'ESS", MAI.Enterprise), ("mutuelle", MAI.Enterprise),
    ("SCIC", MAI.Enterprise), ("association loi 1901", MAI.Association), ("Associations", MAI.Association),
    ("usager", MAI.UserGroup), ("Professionnels de santé", MAI.HealthProfessional),
    ("professionnel de santé", MAI.HealthProfessional), ("université", MAI.University),
])
def test_member_kinds_are_read_from_the_kinds_vocabulary_whatever_their_case_accents_or_number(kind, cls):
    ex, issues = one_member(kind=kind)
    assert (issues, (URIRef(ID + "actor/a"), RDF.type, cls) in ex.graph) == ([], True)


@pytest.mark.parametrize("circle, concept", [
    ("Cœur", "coeur"), ("cercle financeurs", "financeurs"), ("Cercle des financeurs", "financeurs"),
    ("financeur", "financeurs"), ("partenaire", "partenaires"), ("cercle partenaires", "partenaires"),
    ("cercle de cœur", "coeur"), ("Opérationnel", "operationnel"), ("cercle 2", "operationnel"),
])
def test_circles_are_read_in_the_singular_or_plural_with_or_without_cercle(circle, concept):
    ex, issues = one_member(circle=circle)
    role = ex.graph.value(URIRef(ID + "membership/p/a"), ORG.role)
    assert (issues, str(role)) == ([], "https://w3id.org/maillage/ontology/circle/" + concept)


@pytest.mark.parametrize("circle, concept", [
    ("1er cercle", "coeur"), ("1ère cercle", "coeur"), ("Premier cercle", "coeur"), ("2e cercle", "operationnel"),
    ("2ème cercle", "operationnel"), ("deuxième cercle", "operationnel"), ("second cercle", "operationnel"),
    ("cercle de 3e rang", "partenaires"), ("4ème", "financeurs"),
])
def test_a_circle_written_as_an_ordinal_rank_is_read_as_that_rank(circle, concept):
    ex, issues = one_member(circle=circle)
    role = ex.graph.value(URIRef(ID + "membership/p/a"), ORG.role)
    assert (issues, str(role)) == ([], "https://w3id.org/maillage/ontology/circle/" + concept)


@pytest.mark.parametrize("circle", ["5e cercle", "2e adjoint"])
def test_an_ordinal_that_names_no_circle_rank_is_still_warned_about(circle):
    assert [field for field, _ in one_member(circle=circle)[1]] == ["circle"]


def test_an_unknown_kind_or_circle_is_warned_about_listing_the_accepted_ones():
    assert one_member(kind="martien", circle="lune")[1] == [
        ("kind", "membre « A » : type de membre inconnu « martien » (connus : association, collectivite, entreprise, "
                 "universite, professionnel-de-sante, usagers, ou un libellé du vocabulaire des types)"),
        ("circle", "membre « A » : cercle inconnu « lune » (connus : coeur, operationnel, partenaires, financeurs) : "
                   "membre enregistré sans cercle")]


def test_a_misspelt_kind_circle_or_theme_is_warned_about_with_the_one_it_may_mean():
    assert one_member(kind="Associaton", circle="opérationel", themes="Santé mental, astronomie")[1] == [
        ("kind", "membre « A » : type de membre inconnu « Associaton » : vouliez-vous dire « association » ?"),
        ("themes", "membre « A » : thème inconnu « Santé mental » du thésaurus : vouliez-vous dire « Santé "
                   "mentale » ?"),
        ("themes", "membre « A » : thème inconnu « astronomie » du thésaurus"),
        ("circle", "membre « A » : cercle inconnu « opérationel », membre enregistré sans cercle : vouliez-vous dire "
                   "« operationnel » ?")]


@pytest.mark.parametrize("written, day, warning", [
    ("15 janvier 2024", "2024-01-15", None), ("1er février 2024", "2024-02-01", None),
    ("janvier 2024", "2024-01-01", "date « janvier 2024 » : jour non précisé : le 1er du mois est retenu"),
    ("2024-01", "2024-01-01", "date « 2024-01 » : jour non précisé : le 1er du mois est retenu"),
    ("01/2024", "2024-01-01", "date « 01/2024 » : jour non précisé : le 1er du mois est retenu"),
    ("15/01/24", "2024-01-15", "date « 15/01/24 » : année écrite sur deux chiffres, lue 2024"),
    ("2024", "None", "date illisible « 2024 » (formes lues : 2024-01-15, 15/01/2024, 15 janvier 2024, janvier "
                     "2024) : ignorée, le membre est enregistré sans date d'entrée"),
    ("31 février 2024", "None", "date impossible « 31 février 2024 » : ignorée, le membre est enregistré sans date "
                                "d'entrée"),
])
def test_entry_dates_are_read_in_words_or_as_a_month_with_a_warning_when_a_day_is_assumed(written, day, warning):
    ex, issues = one_member(joined=written)
    assert (str(ex.graph.value(URIRef(ID + "membership/p/a"), MAI.joinedOn)), issues) == (
        day, [("joined", "membre « A » : " + warning)] if warning else [])


def test_goals_are_referred_to_by_rank_or_by_their_exact_label():
    ex = extract(yaml_ctx("format: maillage-register/1\nptce:\n  name: P\n  goals:\n    - {rank: 1, label: Un}\n"
                          "    - {rank: '2', label: 'Soutenir les aidants, partout'}\n"
                          "members:\n  - name: A\n    goals: ['Soutenir les aidants, partout']\n  - name: B\n"
                          "    goals: 'Soutenir les aidants, partout'\n  - name: C\n    goals: [objectif 1, '#2', O2]\n"
                          "actions:\n  - title: T\n    goal: soutenir les aidants, partout\n"))
    g = ex.graph
    served = {s.rsplit("/", 1)[1]: sorted(str(o).rsplit("/", 1)[1] for o in g.objects(URIRef(s), MAI.contributesTo))
              for s in (ID + "actor/a", ID + "actor/b", ID + "actor/c", ID + "action/p/t")}
    assert (served, [i.message for i in ex.issues if i.field in ("goals", "goal", "rank")]) == (
        {"a": ["2"], "b": ["2"], "c": ["1", "2"], "t": ["2"]}, [])


@pytest.mark.parametrize("name, text", [
    ("r.yaml", "format: maillage-register/1\nptce:\n  coordinator: A\nmembers:\n  - name: A\n"),
    ("r.csv", "name;kind;circle;joined\nA;;;\n"),
])
def test_a_missing_kind_circle_entry_date_or_ptce_name_is_warned_about(name, text):
    ex = extract(SourceContext(Path(name), text.encode()))
    unnamed = ("registre sans nom de PTCE (ptce: name) : le PTCE est nommé d'après le fichier (« r »)"
               if name == "r.yaml" else
               "registre CSV sans ligne « # ptce: NOM » avant l'en-tête : le PTCE est nommé d'après le fichier (« r »)")
    assert [i.message for i in ex.issues] == [
        unnamed, "membre « A » : type de membre manquant (kind : association, collectivite, entreprise, universite, "
                 "professionnel-de-sante, usagers)",
        "membre « A » : cercle manquant (circle : coeur, operationnel, partenaires, financeurs) : membre enregistré "
        "sans cercle", "membre « A » : date d'entrée manquante (joined)"]


@pytest.mark.parametrize("joined", ["2024-13-01", "31/02/2024"])
def test_a_member_whose_entry_date_is_refused_is_told_once_that_it_is_stored_without_one(joined):
    """README: a member without an entry date is reported; one whose date was impossible is stored without one,
    said by the refusal alone (it was also said to miss the date it writes)."""
    ex = extract(SourceContext(Path("r.csv"), f"# ptce: P\nname;kind;circle;joined\nA;association;coeur;{joined}\n"
                               .encode()))
    assert [(i.line, i.message) for i in ex.issues] == [
        (3, f"membre « A » : date impossible « {joined} » : ignorée, le membre est enregistré sans date d'entrée")]
    assert not list(ex.graph.objects(None, MAI.joinedOn))


@pytest.mark.parametrize("written, esus, warnings", [
    ("true", True, []), ('"true"', True, []), ("oui", True, []), ("Vrai", True, []), ("yes", True, []),
    ("non", None, []), ("false", None, []),
    ("2023-05-01", None, ["membre « A » : esus : oui ou non attendu, lu « 2023-05-01 » : ignoré"]),
])
def test_the_esus_flag_is_read_from_french_and_english_yes_and_no(written, esus, warnings):
    ex = extract(yaml_ctx("format: maillage-register/1\nptce:\n  name: P\nmembers:\n  - name: A\n    kind: entreprise\n"
                          f"    circle: partenaires\n    joined: 2024-01-15\n    esus: {written}\n"))
    assert (ex.graph.value(URIRef(ID + "actor/a"), MAI.esus), [i.message for i in ex.issues]) == (
        Literal(esus) if esus else None, warnings)


@pytest.mark.parametrize("ids, actor, warnings", [
    ({"siren": "423 456 789"}, "siren-423456789", []),
    ({"siret": "423.456.789.00019"}, "siren-423456789", []),
    ({"siren": "214201865.0"}, "siren-214201865", []),
    ({"siren": "10000016"}, "siren-010000016", [
        ("siren", "membre « A » : zéros de tête perdus (passage par un tableur) : lu 010000016")]),
    ({"siren": "214201865", "siret": "42345678900019"}, "siren-214201865", [
        ("siret", "membre « A » : SIRET 42345678900019 d'un autre SIREN que celui du membre (214201865) : ignoré")]),
    ({"siret": "4,23457E+13"}, "a", [
        ("siret", "membre « A » : SIRET abîmé par un passage en nombre à virgule (chiffres perdus) : ignoré")]),
    ({"siren": "123456789"}, "a", [("siren", "membre « A » : SIREN invalide (clé de contrôle) : ignoré")]),
    ({"siren": "77777777"}, "a", [
        ("siren", "membre « A » : SIREN de 8 chiffres (9 attendus, 14 pour un SIRET) : ignoré")]),
    ({"siret": "2142018650001"}, "a", [
        ("siret", "membre « A » : SIRET abîmé par un passage en nombre à virgule (chiffres perdus) : ignoré")]),
    ({"siren": "21420186X"}, "a", [
        ("siren", "membre « A » : SIREN illisible (des caractères autres que des chiffres) : ignoré")]),
])
def test_identifiers_are_cleaned_alike_and_a_siret_of_another_siren_or_mangled_by_excel_is_reported(
        ids, actor, warnings):
    ex, issues = one_member(**ids)
    assert (issues, ex.graph.value(URIRef(ID + "actor/" + actor), RDFS.label)) == (warnings, Literal("A"))
    assert ex.graph.value(URIRef(ID + "actor/" + actor), MAI.siret) is None or "siret" not in dict(warnings)


@pytest.mark.parametrize("text, line, cut", [
    ("# ptce: P\nname,kind,circle,joined,left,themes,goals,siren,siret,rna\n"
     "B,association,coeur,2024-01-01,,aidants,,,,\nC Santé, Prévention,association,coeur,2024-01-01,,,,,,\n",
     4, "C Santé, Prévention"),
    ("# ptce: P\nname;kind;circle;joined;left;themes;goals;siren;siret;rna\n"
     "A;association;coeur;2024-01-15;;;;;;\nMSP du Pilat; Pélussin;professionnel-de-sante;operationnel;2024-03-10;"
     "2025-01-31;exercice coordonné;1;;;\n", 4, "MSP du Pilat; Pélussin"),
])
def test_a_csv_row_shifted_by_a_separator_inside_an_unquoted_value_is_refused_even_when_its_last_cell_is_empty(
        text, line, cut):
    with pytest.raises(InputError) as refused:
        extract(SourceContext(Path("r.csv"), text.encode()))
    assert (refused.value.issue.line, refused.value.issue.message) == (
        line, f"11 cellules pour 10 colonnes : la valeur « {cut} » contient sans doute le séparateur ; mettez-la "
              "entre guillemets ; registre refusé, pour ne pas perdre ce membre")


# Grants: the goals that a grant serves, as the coordinator says.

_GRANTS_HEAD = """format: maillage-register/1
ptce:
  name: P
  goals: [{rank: 1, label: Un}, {rank: 2, label: Deux}]
members:
  - {name: DanaeCare, kind: association, circle: coeur, joined: 2024-05-16}
"""
REF = URIRef(ID + "grant-reference/p/r-yaml/1")


@pytest.mark.parametrize("entry, expected", [
    ("grants:\n  - {deliberation: 2024.00240, beneficiary: DanaeCare, goals: [2]}\n",
     {(MAI.decisionReference, Literal("2024.00240")), (SCHEMA.fundedItem, URIRef(ID + "actor/danaecare")),
      (MAI.contributesTo, URIRef(ID + "goal/p/2")), (MAI.rowNumber, Literal(8, datatype=XSD.integer))}),
    ("financements:\n  - {délibération: n°2024.00240, idSubvention: 12345, objectifs: 1|Deux}\n",
     {(MAI.decisionReference, Literal("n°2024.00240")), (DCTERMS.identifier, Literal("12345")),
      (MAI.contributesTo, URIRef(ID + "goal/p/1")), (MAI.contributesTo, URIRef(ID + "goal/p/2")),
      (MAI.rowNumber, Literal(8, datatype=XSD.integer))}),
    ("Financements:\n  - identifiant: SUB-1\n    siret: 423 456 789 00019\n    objectif: 1\n",
     {(DCTERMS.identifier, Literal("SUB-1")), (SCHEMA.fundedItem, Literal("423456789")),
      (MAI.contributesTo, URIRef(ID + "goal/p/1")), (MAI.rowNumber, Literal(8, datatype=XSD.integer))}),
])
def test_a_grant_entry_becomes_a_reference_to_the_grant_serving_its_goals(entry, expected):
    ctx = yaml_ctx(_GRANTS_HEAD + entry)
    ex = extract(ctx)
    assert set(ex.graph.predicate_objects(REF)) == expected | {(PROV.wasDerivedFrom, ctx.source)} and ex.issues == []


@pytest.mark.parametrize("entry, line, field", [
    ("grants:\n  - {beneficiary: DanaeCare, goals: [1]}\n", 8, "deliberation"),
    ("grants:\n  - {deliberation: PROCESS, goals: [1]}\n", 8, "deliberation"),
    ("grants:\n  - {deliberation: 2024.00240}\n", 8, "goals"),
    ("grants:\n  - {deliberation: 2024.00240, goals: [7]}\n", 8, "goals"),
    ("grants:\n  - deliberation: 2024.00240\n    siren: '123'\n    goals: [1]\n", 9, "siren"),
    ("grants:\n  deliberation: 2024.00240\n", 8, "grants"),
    ("grants:\n  - 2024.00240\n", 8, None),
])
def test_a_malformed_grant_entry_is_refused_with_its_line_and_field(entry, line, field):
    with pytest.raises(InputError) as err:
        extract(yaml_ctx(_GRANTS_HEAD + entry))
    assert (err.value.issue.line, err.value.issue.field) == (line, field)


def test_a_grant_line_of_a_csv_register_is_reported_not_read():
    text = ("# ptce: P\n# objectif 1: Un\n# financement 2024.00240: 1\nname;kind;circle;joined\n"
            "A;association;coeur;2024-01-01\n")
    ex = extract(SourceContext(Path("r.csv"), text.encode()))
    assert [(i.line, i.message.split(":")[0]) for i in ex.issues] == [(3, "ligne « # financement 2024.00240")]
    assert "YAML" in ex.issues[0].message and not list(ex.graph.subjects(MAI.decisionReference, None))


def _ingest(tmp_path: Path, *paths: Path):
    from graph.ingest.pipeline import ingest_paths
    from graph.store import open_store

    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    try:
        return store, [r for path in paths for r in ingest_paths(store, [path])]
    except BaseException:
        store.close()
        raise


#: What a coordinator writes to ask which goals grants serve (README, "Writing SPARQL against the graph").
GRANT_GOALS = "SELECT ?grant ?goal WHERE { ?grant a mai:Grant ; mai:contributesTo ?goal }"


def _grant_goals(store) -> set[tuple[str, str]]:
    from graph.namespaces import sparql_prologue

    rows = store.query(sparql_prologue() + GRANT_GOALS)
    return {(str(g).rsplit("/id/", 1)[1], str(o).rsplit("/id/", 1)[1]) for g, o in rows}


DELIBERATION = EXAMPLES / "deliberations" / "saint-etienne-metropole-2024-00240-danaecare.txt"
REGISTER = EXAMPLES / "ptce-registre.yaml"


@pytest.mark.parametrize("order", [(REGISTER, DELIBERATION), (DELIBERATION, REGISTER)])
def test_the_founding_grant_serves_the_goal_the_register_gives_whatever_the_ingest_order(tmp_path, order):
    store, reports = _ingest(tmp_path, *order)
    try:
        assert _grant_goals(store) == {("grant/siren-244200770/2024-00240/danaecare", "goal/ptce-sante-danaecare/2")}
    finally:
        store.close()
    register = next(r for r in reports if r.kind == "register")
    assert [i.message for i in register.issues] == ([] if order[0] == DELIBERATION else [
        "financement (délibération 2024.00240, bénéficiaire DanaeCare) : aucune délibération n° 2024.00240 dans le "
        "graphe ; il sera relié à ses objectifs dès que la subvention sera importée"])


@pytest.mark.parametrize("entry, why", [
    ("{deliberation: 2024.00240, beneficiary: Autre association, goals: [1]}",
     "la seule subvention de la délibération n° 2024.00240 n'est pas accordée à Autre association"),
    ("{deliberation: 2024.00241, goals: [1]}", "aucune délibération n° 2024.00241 dans le graphe"),
    ("{grant_id: SUB-9, goals: [1]}", "aucune subvention d'identifiant SUB-9 dans le graphe"),
])
def test_a_grant_entry_that_names_no_grant_of_the_store_is_reported_with_its_line_and_why(tmp_path, entry, why):
    register = tmp_path / "r.yaml"
    register.write_text(_GRANTS_HEAD + "grants:\n  - " + entry + "\n", encoding="utf-8")
    store, reports = _ingest(tmp_path, DELIBERATION, register)
    try:
        assert _grant_goals(store) == set()
    finally:
        store.close()
    [issue] = reports[1].issues
    assert (issue.level, issue.line, issue.field) == ("warning", 8, None)
    assert why in issue.message and reports[1].status == "stored"


def test_a_reference_by_number_and_beneficiary_links_that_grant_only(tmp_path):
    register = tmp_path / "r.yaml"
    register.write_text(_GRANTS_HEAD + "grants:\n  - {deliberation: 2024-00240, beneficiary: Danaecare, goals: [1]}\n",
                        encoding="utf-8")
    store, reports = _ingest(tmp_path, register, DELIBERATION)
    try:
        assert _grant_goals(store) == {("grant/siren-244200770/2024-00240/danaecare", "goal/p/1")}
    finally:
        store.close()


_SCDL = ("nomAttribuant;idAttribuant;idSubvention;nomBeneficiaire;idBeneficiaire;montant;referenceDecision\n"
         "Ville de Firminy;21420095800004;SUB-7;Association A;42345678900019;1500;2024-12\n"
         "Ville de Firminy;21420095800004;SUB-8;Association B;51200000100010;2500;2024-12\n")


@pytest.mark.parametrize("entry, grants", [
    ("{grant_id: SUB-8, goals: [1]}", {"SUB-8"}),
    ("{idSubvention: SUB-8, siret: '51200000100010', goals: [1]}", {"SUB-8"}),
    ("{deliberation: DEL 2024-12, siren: '423456789', goals: [1]}", {"SUB-7"}),
    ("{deliberation: 2024.12, goals: [1]}", {"SUB-7", "SUB-8"}),
])
@pytest.mark.parametrize("register_first", [True, False])
def test_a_reference_links_the_scdl_grants_it_describes_whatever_the_ingest_order(tmp_path, entry, grants,
                                                                                  register_first):
    register, scdl = tmp_path / "r.yaml", tmp_path / "subventions.csv"
    register.write_text(_GRANTS_HEAD + "grants:\n  - " + entry + "\n", encoding="utf-8")
    scdl.write_text(_SCDL, encoding="utf-8")
    store, reports = _ingest(tmp_path, *((register, scdl) if register_first else (scdl, register)))
    try:
        linked = _grant_goals(store)
    finally:
        store.close()
    assert {grant.rsplit("/", 1)[1].upper() for grant, _ in linked} == grants
    assert {goal for _, goal in linked} == {"goal/p/1"}
    issues = next(r for r in reports if r.kind == "register").issues
    assert [i.field for i in issues] == ([None] if register_first else [])  # the grant, not yet there


def test_a_number_that_several_authorities_gave_their_deliberations_is_reported_and_links_their_grants(tmp_path):
    register, scdl = tmp_path / "r.yaml", tmp_path / "subventions.csv"
    register.write_text(_GRANTS_HEAD + "grants:\n  - {deliberation: 2024-12, goals: [1]}\n", encoding="utf-8")
    scdl.write_text(_SCDL.replace("Ville de Firminy;21420095800004;SUB-8", "Ville de Roche;21420186500018;SUB-8"),
                    encoding="utf-8")
    store, reports = _ingest(tmp_path, scdl, register)
    try:
        assert len(_grant_goals(store)) == 2
    finally:
        store.close()
    [issue] = reports[1].issues
    assert (issue.line, issue.field) == (8, None)
    assert issue.message.startswith("financement (délibération 2024-12) : ce numéro est celui de délibérations de 2 "
                                    "collectivités (Ville de Firminy, Ville de Roche)")


_PREFIXED = _SCDL.replace(";2024-12\n", ";CONV N° 366-15\n", 1).replace(";2024-12\n", ";DEL 366/15\n")


@pytest.mark.parametrize("number, decision", [
    ("366-15", "CONV N° 366-15"),
    ("n° 366.015", "CONV N° 366-15"),
    ("02-1", "CONV N° 02-1 RECONDUCTION du 2015-06-19"),
])
@pytest.mark.parametrize("register_first", [True, False])
def test_a_number_written_without_the_words_around_it_links_the_deliberation_of_the_same_digits(
        tmp_path, number, decision, register_first):
    register, scdl = tmp_path / "r.yaml", tmp_path / "subventions.csv"
    register.write_text(_GRANTS_HEAD + f"grants:\n  - {{deliberation: {number}, goals: [1]}}\n", encoding="utf-8")
    scdl.write_text(_SCDL.replace(";2024-12\n", f";{decision}\n", 1), encoding="utf-8")
    store, reports = _ingest(tmp_path, *((register, scdl) if register_first else (scdl, register)))
    try:
        linked = _grant_goals(store)
    finally:
        store.close()
    assert {grant.rsplit("/", 1)[1].upper() for grant, _ in linked} == {"SUB-7"}
    issues = next(r for r in reports if r.kind == "register").issues
    assert [i.field for i in issues] == ([None] if register_first else [])


@pytest.mark.parametrize("entry, grants", [
    ("{deliberation: 366-15, siren: '423456789', goals: [1]}", {"SUB-7"}),
    ("{deliberation: 366-15, idSubvention: SUB-8, goals: [1]}", {"SUB-8"}),
])
def test_the_beneficiary_or_identifier_tells_apart_deliberations_of_the_same_digits(tmp_path, entry, grants):
    register, scdl = tmp_path / "r.yaml", tmp_path / "subventions.csv"
    register.write_text(_GRANTS_HEAD + "grants:\n  - " + entry + "\n", encoding="utf-8")
    scdl.write_text(_PREFIXED, encoding="utf-8")
    store, reports = _ingest(tmp_path, scdl, register)
    try:
        assert {grant.rsplit("/", 1)[1].upper() for grant, _ in _grant_goals(store)} == grants
    finally:
        store.close()
    assert reports[1].issues == []


def test_a_number_whose_digits_name_several_deliberations_links_none_and_is_reported_as_ambiguous(tmp_path):
    register, scdl = tmp_path / "r.yaml", tmp_path / "subventions.csv"
    register.write_text(_GRANTS_HEAD + "grants:\n  - {deliberation: 366-15, goals: [1]}\n", encoding="utf-8")
    scdl.write_text(_PREFIXED, encoding="utf-8")
    store, reports = _ingest(tmp_path, scdl, register)
    try:
        assert _grant_goals(store) == set()
    finally:
        store.close()
    [issue] = reports[1].issues
    assert (issue.line, issue.message) == (8, "financement (délibération 366-15) : ces chiffres sont ceux de 2 "
                                              "délibérations (« CONV N° 366-15 » (Ville de Firminy), « DEL 366/15 » "
                                              "(Ville de Firminy)) ; aucune n'est reliée à ses objectifs : "
                                              "écrivez le numéro exact, le bénéficiaire ou l'idSubvention")


def test_a_number_that_names_no_deliberation_is_reported_with_the_near_numbers(tmp_path):
    register, scdl = tmp_path / "r.yaml", tmp_path / "subventions.csv"
    register.write_text(_GRANTS_HEAD + "grants:\n  - {deliberation: 366-16, goals: [1]}\n", encoding="utf-8")
    scdl.write_text(_PREFIXED, encoding="utf-8")
    store, reports = _ingest(tmp_path, scdl, register)
    store.close()
    [issue] = reports[1].issues
    assert issue.message == ("financement (délibération 366-16) : aucune délibération n° 366-16 dans le graphe ; "
                             "numéros proches : « CONV N° 366-15 » (Ville de Firminy), « DEL 366/15 » (Ville de "
                             "Firminy) ; il sera relié à ses objectifs dès que la subvention sera importée")


def _quads(store) -> list[tuple]:
    """The store's quads, without the times at which sources were stored and with blank nodes as one term."""
    from rdflib import BNode
    from rdflib.namespace import PROV

    rows = store.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    return sorted(tuple("_" if isinstance(t, BNode) else str(t) for t in row) for row in rows
                  if row[1] != PROV.generatedAtTime)


def _linked_in(store) -> set[tuple[str, str, str]]:
    """The grants that a graph links to goals, and that graph."""
    from graph.namespaces import sparql_prologue

    rows = store.query(sparql_prologue() + "SELECT ?grant ?goal ?source WHERE { GRAPH ?source { ?grant "
                                           "mai:contributesTo ?goal } FILTER EXISTS { ?grant a mai:Grant } }")
    return {tuple(str(t).rsplit("/id/", 1)[1] for t in row) for row in rows}


def test_the_register_states_the_link_in_its_own_graph_and_the_same_files_again_leave_the_same_store(tmp_path):
    first, _ = _ingest(tmp_path / "a", REGISTER, DELIBERATION)
    second, _ = _ingest(tmp_path / "b", DELIBERATION, REGISTER)
    try:
        assert _linked_in(first) == _linked_in(second) == {
            ("grant/siren-244200770/2024-00240/danaecare", "goal/ptce-sante-danaecare/2", "source/ptce-registre-yaml")}
        before = _quads(first)
        assert before == _quads(second)
        from graph.ingest.pipeline import ingest_paths

        assert [r.status for r in ingest_paths(first, [DELIBERATION, REGISTER], force=True)] == ["stored"] * 2
        assert _quads(first) == before
    finally:
        first.close()
        second.close()


def test_a_batch_links_the_grant_of_a_deliberation_that_follows_the_register_and_touches_it(tmp_path):
    from graph.ingest.pipeline import ingest_paths
    from graph.store import open_store

    published = []
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    try:
        reports = ingest_paths(store, [REGISTER, DELIBERATION], on_publish=published.append)
        assert _grant_goals(store) == {("grant/siren-244200770/2024-00240/danaecare", "goal/ptce-sante-danaecare/2")}
    finally:
        store.close()
    assert ID + "grant/siren-244200770/2024-00240/danaecare" in set().union(*(r.touched for r in reports))
    assert published[-1][-1] is reports[-1]  # the last publish carries the link


def _renamed_deliberation(tmp_path: Path, name: str) -> Path:
    """The founding deliberation, its grant given to another association, under the same file name."""
    import re

    path = tmp_path / "v2" / DELIBERATION.name
    path.parent.mkdir(exist_ok=True)
    path.write_text(re.sub("danaecare", name, DELIBERATION.read_text(encoding="utf-8"), flags=re.I), encoding="utf-8")
    return path


def test_a_link_whose_grant_the_deliberation_no_longer_gives_vanishes_and_is_reported_with_the_register(tmp_path):
    from graph.ingest.pipeline import ingest_paths

    store, _ = _ingest(tmp_path, REGISTER, DELIBERATION)
    try:
        [report] = ingest_paths(store, [_renamed_deliberation(tmp_path, "Solidaris")])
        assert _grant_goals(store) == set()
        grants = store.query("SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s ?p ?o } FILTER(CONTAINS(STR(?s), '/grant/')) }")
        assert set(grants) == {(URIRef(ID + "grant/siren-244200770/2024-00240/solidaris"),)}  # nothing of the old one
        assert ID + "grant/siren-244200770/2024-00240/danaecare" in report.touched
        assert [i.message for i in report.issues if "registre" in i.message] == [
            "registre « ptce-registre.yaml, ligne 101 » : financement (délibération 2024.00240, bénéficiaire "
            "DanaeCare) : la seule subvention de la délibération n° 2024.00240 n'est pas accordée à DanaeCare ; "
            "il sera relié à ses objectifs dès que la subvention sera importée"]
        ingest_paths(store, [DELIBERATION])  # the first version again: linked again
        assert _grant_goals(store) == {("grant/siren-244200770/2024-00240/danaecare", "goal/ptce-sante-danaecare/2")}
    finally:
        store.close()


@pytest.mark.parametrize("change, linked", [
    (lambda text: text.replace(";SUB-8;", ";SUB-9;"), set()),  # the grant referenced is gone
    (lambda text: text.replace("goals: [1]", "goals: [2]"), {"goal/p/2"}),  # the register changed its goal
    (lambda text: text.split("grants:")[0], set()),  # the register no longer says it
])
def test_links_that_no_reference_describes_any_more_vanish(tmp_path, change, linked):
    from graph.ingest.pipeline import ingest_paths

    register, scdl = tmp_path / "r.yaml", tmp_path / "subventions.csv"
    register.write_text(_GRANTS_HEAD + "grants:\n  - {grant_id: SUB-8, goals: [1]}\n", encoding="utf-8")
    scdl.write_text(_SCDL, encoding="utf-8")
    store, _ = _ingest(tmp_path, register, scdl)
    try:
        assert {goal for _, goal in _grant_goals(store)} == {"goal/p/1"}
        for path in (register, scdl):
            path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
        ingest_paths(store, [register, scdl])
        assert {goal for _, goal in _grant_goals(store)} == linked
    finally:
        store.close()


def test_links_leave_with_the_register_they_are_stated_in(tmp_path):
    store, _ = _ingest(tmp_path, DELIBERATION, REGISTER)
    try:
        with store.writer() as writer:
            writer.drop_graph(URIRef(ID + "source/ptce-registre-yaml"))
        assert _grant_goals(store) == set()
    finally:
        store.close()


@pytest.mark.parametrize("register_first", [True, False])
def test_the_link_is_stated_and_withdrawn_in_every_store_mode(any_store, tmp_path, register_first):
    from graph.ingest.pipeline import ingest_paths

    for path in (REGISTER, DELIBERATION) if register_first else (DELIBERATION, REGISTER):
        ingest_paths(any_store, [path])
    assert _grant_goals(any_store) == {("grant/siren-244200770/2024-00240/danaecare", "goal/ptce-sante-danaecare/2")}
    assert ingest_paths(any_store, [_renamed_deliberation(tmp_path, "Solidaris"), REGISTER])[0].status == "stored"
    assert _grant_goals(any_store) == set()


@pytest.mark.parametrize("number, links", [("2024.00240", 1), ("9999-99", 0)])
def test_a_second_register_of_the_ptce_has_its_own_grant_references_and_counts_the_links_it_makes(
        tmp_path, number, links):
    second = tmp_path / "registre-2025.yaml"
    text = REGISTER.read_text(encoding="utf-8")
    second.write_text(text.replace("deliberation: 2024.00240", f"deliberation: {number}"), encoding="utf-8")
    store, reports = _ingest(tmp_path, DELIBERATION, REGISTER, second)
    try:
        numbers = {str(ref): str(n) for ref, n in store.query(
            "SELECT ?ref ?n WHERE { ?ref <https://w3id.org/maillage/ontology#decisionReference> ?n }")}
    finally:
        store.close()
    assert sorted(numbers.values()) == sorted(["2024.00240", number]) and len(numbers) == 2
    assert reports[2].stats["grant_entries"] == 1 and reports[2].stats["grant_goals"] == links
    assert reports[1].stats["grant_goals"] == 1
    unmatched = [i.message for i in reports[2].issues if "9999-99" in i.message]
    assert unmatched == ([] if links else [
        "financement (délibération 9999-99, bénéficiaire DanaeCare) : aucune délibération n° 9999-99 dans le "
        "graphe ; il sera relié à ses objectifs dès que la subvention sera importée"])


def test_a_register_of_a_ptce_that_another_register_describes_is_warned_of_naming_that_file(tmp_path):
    second, third = tmp_path / "registre-2025.yaml", tmp_path / "registre-corrige.yaml"
    for copy in (second, third):
        copy.write_text(REGISTER.read_text(encoding="utf-8"), encoding="utf-8")
    store, reports = _ingest(tmp_path, REGISTER, second, third)
    store.close()
    assert [[(i.level, i.message, i.message_en) for i in r.issues if "déjà décrit" in i.message]
            for r in reports] == [[], [(
                "warning",
                "le PTCE « PTCE santé DanaeCare » est déjà décrit par le registre ptce-registre.yaml : les deux "
                "comptent (membres, objectifs, financements) ; si ce fichier en remplace un, importez-le sous "
                "son nom (--name ptce-registre.yaml)",
                "the PTCE 'PTCE santé DanaeCare' is already described by the register ptce-registre.yaml: both count "
                "(members, goals, grants); if this file replaces one, ingest it under its name (--name "
                "ptce-registre.yaml)")], [(
                "warning",
                "le PTCE « PTCE santé DanaeCare » est déjà décrit par les registres ptce-registre.yaml, "
                "registre-2025.yaml : tous comptent (membres, objectifs, financements) ; si ce fichier en remplace "
                "un, importez-le sous son nom (--name ptce-registre.yaml)",
                "the PTCE 'PTCE santé DanaeCare' is already described by the registers ptce-registre.yaml, "
                "registre-2025.yaml: all count (members, goals, grants); if this file replaces one, ingest it under "
                "its name (--name ptce-registre.yaml)")]]
    assert {r.status for r in reports} == {"stored"}


_REGISTER_R = 'GRAPH <https://ex.org/r> { <https://ex.org/r> dcterms:type "register" } '


@pytest.mark.parametrize("data, holds", [
    ("", False),
    (_REGISTER_R + "GRAPH <https://ex.org/r> { <https://ex.org/g> a mai:Grant ; mai:rowNumber 2 ; "
     "mai:contributesTo <https://ex.org/o> }", False),
    (_REGISTER_R + "GRAPH <https://ex.org/r> { <https://ex.org/ref> mai:rowNumber 3 ; "
     "mai:contributesTo <https://ex.org/o> }", True),
    (_REGISTER_R + "GRAPH <https://ex.org/r> { _:ref mai:rowNumber 3 ; mai:contributesTo <https://ex.org/o> }", True),
    ("GRAPH <https://ex.org/r> { <https://ex.org/ref> mai:rowNumber 3 ; mai:contributesTo <https://ex.org/o> }",
     False),
    (_REGISTER_R + "GRAPH <https://ex.org/r> { <https://ex.org/ref> mai:rowNumber 3 } "
     "GRAPH <https://ex.org/b> { <https://ex.org/ref> mai:contributesTo <https://ex.org/o> }", False),
    (_REGISTER_R + "GRAPH <https://ex.org/r> { <https://ex.org/ref> mai:rowNumber 3 ; "
     "mai:contributesTo <https://ex.org/o> } GRAPH <https://ex.org/b> { <https://ex.org/ref> a mai:Grant }", False),
])
def test_whether_the_store_holds_a_grant_reference_is_told_from_the_registers(any_store, data, holds):
    """Registers' links are made only when the store holds a grant reference: in a register's graph, an untyped
    node with a row number that gives goals (whichever graph types it). An RDF file's such nodes (a Maillage export
    read again) are not references: the file states its links itself."""
    from graph.ingest.register_links import _HAS_REFERENCES
    from graph.namespaces import sparql_prologue

    if data:
        with any_store.writer() as writer:
            writer.update(sparql_prologue() + "INSERT DATA { " + data + " }")
    assert any_store.query(sparql_prologue() + _HAS_REFERENCES).boolean is holds


@pytest.mark.parametrize("interval, warned", [(60.0, []), (0.0, ["aucune délibération n° 2024.00240"])])
def test_a_grant_reference_that_a_later_file_of_the_same_ingest_links_is_not_reported(tmp_path, interval, warned):
    """Gathered in one publish, the register's report is told once its grants list is stored; published at once, it
    was told before (and the link is made all the same)."""
    from graph.ingest.pipeline import ingest_paths
    from graph.store import open_store

    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    try:
        reports = ingest_paths(store, [REGISTER, DELIBERATION], publish_interval=interval)
        assert _grant_goals(store) == {("grant/siren-244200770/2024-00240/danaecare", "goal/ptce-sante-danaecare/2")}
    finally:
        store.close()
    register = next(r for r in reports if r.kind == "register")
    assert [i.message.split(" : ")[1].split(" dans")[0] for i in register.issues] == warned
    assert register.stats["grant_goals"] == (1 if interval else 0)


def test_a_register_whose_members_key_is_mistyped_is_refused_naming_the_key_and_its_line():
    """`memebrs:` gave « registre sans membre (members) », no line, no word of the key."""
    text = "format: maillage-register/1\nptce:\n  name: PTCE X\nmemebrs:\n  - name: Club A\n    kind: association\n"
    with pytest.raises(InputError) as caught:
        extract(SourceContext(Path("registre.yaml"), text.encode()))
    assert caught.value.issue.line == 4
    assert caught.value.issue.message == ("registre sans membre (members) ; à la ligne 4, clé inconnue « memebrs » du "
                                          "registre, ignorée : vouliez-vous dire « membres » ?")
