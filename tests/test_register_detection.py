"""Detecting a partner register as coordinators write it: a long description or header of comments before its
members, its keys in French with French typography (« membres : »), its format stated in a text that is not named
``.yaml``; and what is no register staying undetected, a large YAML file read only in its first bytes."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

import graph.ingest.register as register
from graph.ingest import detect_kind
from graph.ingest.base import InputError, SourceContext
from graph.ingest.register import detect, extract

#: A description of the PTCE some 6 KB long, as a coordinator pastes it from the roadmap.
LONG_DESCRIPTION = "".join(f"    Paragraphe {n} de la feuille de route du pôle, sur la coopération des acteurs de "
                           "santé du bassin stéphanois et de leurs usagers.\n" for n in range(60))
#: A header of comments some 6 KB long, the history of the register's changes.
LONG_COMMENTS = "".join(f"# {n:02d}/01/2025 : mise à jour des membres, des cercles et des dates d'entrée du registre "
                        "par la coordinatrice du pôle.\n" for n in range(1, 60))
MEMBER = "  - nom: Association A\n    type: association\n    cercle: coeur\n"


def members(ex) -> int:
    return ex.stats["members"]


def test_a_yaml_register_whose_long_description_pushes_its_members_past_4_kb_is_detected():
    text = f"ptce:\n  nom: PTCE Santé\n  description: >-\n{LONG_DESCRIPTION}membres:\n{MEMBER}"
    ctx = SourceContext(Path("registre.yaml"), text.encode())
    assert text.index("membres:") > 4096
    assert (detect(ctx), detect_kind(ctx).name, members(extract(ctx))) == (60, "register", 1)


@pytest.mark.parametrize("body, score", [
    (f"membres:\n{MEMBER}", 60),
    (f"format: maillage-register/1\nmembres:\n{MEMBER}", 100),
], ids=["members", "format"])
def test_a_yaml_register_whose_long_header_of_comments_pushes_its_keys_past_4_kb_is_detected(body, score):
    ctx = SourceContext(Path("registre.yaml"), (LONG_COMMENTS + body).encode())
    assert len(LONG_COMMENTS.encode()) > 4096
    assert (detect(ctx), detect_kind(ctx).name, members(extract(ctx))) == (score, "register", 1)


#: The members key as French typography writes it, all read as « membres ».
FRENCH_KEYS = {"space": "membres :", "no-break-space": "Membres\u00a0:", "narrow-no-break-space": "membres\u202f:",
               "tab": "MEMBRES\t:", "double-quotes": '"membres":', "single-quotes": "'Membres' :"}


@pytest.mark.parametrize("key, codec", [
    pytest.param(key, codec, id=f"{codec}-{name}") for name, key in FRENCH_KEYS.items()
    for codec in ("utf-8", "cp1252", "utf-16") if codec != "cp1252" or "\u202f" not in key  # not in Windows-1252
])
def test_a_french_register_is_detected_whatever_the_typography_of_its_members_key(key, codec):
    ctx = SourceContext(Path("registre.yaml"), f"# Registre du PTCE\n{key}\n{MEMBER}".encode(codec))
    assert (detect(ctx), detect_kind(ctx).name, members(extract(ctx))) == (60, "register", 1)


def test_a_yaml_register_without_members_is_detected_by_its_ptce_and_refused_for_that():
    ctx = SourceContext(Path("registre.yaml"), "ptce:\n  nom: PTCE Santé\npartenaires:\n  - nom: A\n".encode())
    assert (detect(ctx), detect_kind(ctx).name) == (60, "register")
    with pytest.raises(InputError, match="registre sans membre"):
        extract(ctx)


@pytest.mark.parametrize("data", [
    (LONG_COMMENTS + f"format: maillage-register/1\nmembres:\n{MEMBER}").encode(),
    codecs.BOM_UTF16_LE + f"format: maillage-register/1\nmembres:\n{MEMBER}".encode("utf-16-le"),
], ids=["format-past-4-kb", "utf-16"])
def test_a_yaml_register_read_with_its_kind_forced_is_read_as_yaml_when_it_states_its_format(data):
    assert members(extract(SourceContext(Path("registre.txt"), data))) == 1


@pytest.mark.parametrize("text", [
    "equipe:\n  members:\n    - A\n",  # members, but not the register's: nested
    "note: membres : A, B\n",  # a value
    "# membres :\nliste: [A, B]\n",  # a comment
    "members_count: 3\nptce_name: P\n",  # other keys
    "- membres: A\n- ptce: P\n",  # a list at the top
])
def test_a_yaml_file_that_is_no_register_is_not_detected_as_one(text):
    assert detect(SourceContext(Path("notes.yaml"), text.encode())) == 0


def test_detection_reads_at_most_256_kb_of_a_large_yaml_file(monkeypatch):
    real_decode, read = register.decode, []

    def decode(data: bytes) -> tuple[str, str]:
        read.append(len(data))
        return real_decode(data)

    monkeypatch.setattr(register, "decode", decode)
    comments = LONG_COMMENTS.encode()
    huge = comments * (100 * 1024 * 1024 // len(comments)) + f"membres:\n{MEMBER}".encode()  # 100 MB
    assert (detect(SourceContext(Path("registre.yaml"), huge)), read) == (0, [4096, 256 * 1024])
