"""A file forced to a kind (``--kind``) that it is not: when that kind cannot read it and detection finds another,
the error says so, and how to change the kind (a PDF read as a grants list was only « :445: guillemet ouvert jamais
fermé »)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from webapp.cli import main

ROOT = Path(__file__).resolve().parent.parent
REGISTER = ROOT / "examples" / "ptce-registre.yaml"
DELIBERATION = ROOT / "examples" / "deliberations" / "saint-etienne-metropole-2024-00240-danaecare.txt"


def ingest(tmp_path: Path, *args: str, lang: str = "fr"):
    return CliRunner().invoke(main, ["--data", str(tmp_path / "data"), "ingest", *args], catch_exceptions=False,
                              env={"MAILLAGE_LANG": lang})


@pytest.mark.parametrize("path, kind, said", [
    (REGISTER, "deliberation", "ce texte n'est pas une délibération : 1 marque du genre sur les trois requises (« "
                               "délibération ») ; absentes : « après en avoir délibéré », séance, conseil, identifiant "
                               "ACTES, « décide » ou « adopté », registre des délibérations, décision du président ou "
                               "du maire, membres en exercice, vote pour / contre ; ce fichier semble être du type « "
                               "Registre des partenaires du PTCE » : il a été lu comme « Délibération », le type donné "
                               "par --kind : retirez --kind pour qu'il soit détecté, ou donnez ce type (--kind "
                               "register) — rien n'a été enregistré"),
    (DELIBERATION, "registre", "; écrivez l'en-tête avant les membres (par exemple nom;type;cercle;date d'entrée) ; ce "
                               "fichier semble être du type « Délibération » : il a été lu comme « Registre des "
                               "partenaires du PTCE », le type donné par --kind : retirez --kind pour qu'il soit "
                               "détecté, ou donnez ce type (--kind deliberation) — rien n'a été enregistré")])
def test_a_file_that_the_kind_given_cannot_read_is_told_the_kind_it_looks_like(tmp_path, path, kind, said):
    ran = ingest(tmp_path, "--kind", kind, str(path))
    assert ran.exit_code == 1 and said in ran.stderr


def test_the_kind_it_looks_like_is_told_in_english_too(tmp_path):
    ran = ingest(tmp_path, "--kind", "scdl-subventions", str(DELIBERATION), lang="en")
    assert ran.exit_code == 1 and ("; this file looks like the kind 'Deliberation': it was read as 'Grants (SCDL)', "
                                   "the kind given by --kind: leave --kind out to have it detected, or give that "
                                   "kind (--kind deliberation) — nothing was stored") in ran.stderr


@pytest.mark.parametrize("name, data", [
    ("registre.yaml", b"format: maillage-register/1\nptce:\n  name: A\n sigle: B\n"),  # a register, broken
    ("inconnu.bin", b"\x00\x01\x02 rien de connu"),  # of no kind that detection knows
])
def test_no_other_kind_is_suggested_when_detection_finds_the_same_or_none(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    ran = ingest(tmp_path, "--kind", "register", str(path))
    assert ran.exit_code == 1 and "rien n'a été enregistré" in ran.stderr and "semble être du type" not in ran.stderr
