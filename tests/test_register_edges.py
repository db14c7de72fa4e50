"""The partner register at its edges: a YAML register cut at a line's end in its last entry (said, not refused: a
whole register may look the same), and Unicode's line separators inside a line (a value kept whole, the lines
numbered as the file's)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.namespace import RDFS

from graph.ingest.base import SourceContext
from graph.ingest.register import extract

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "ptce-registre.yaml"


def register(text: str, name: str = "r.yaml"):
    return extract(SourceContext(Path(name), text.encode()))


def truncated(ex) -> list[tuple[int, str]]:
    return [(i.line, i.message_en) for i in ex.issues if "truncated" in i.message_en]


def cut_after(line: int) -> str:
    """The example register cut just after its line ``line`` (a download stopped at a line's end)."""
    return "".join(EXAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)[:line])


# 1. A YAML register cut at a line's end, in its last entry.

def test_the_example_register_whole_gives_no_truncation_warning():
    assert truncated(register(EXAMPLE.read_text(encoding="utf-8"))) == []


def test_a_register_cut_after_a_members_entry_date_says_that_it_may_be_truncated():
    ex = register(cut_after(78))  # the last member, « Mutuelle… », without its themes and goals
    assert truncated(ex) == [(75, "file maybe truncated: it stops in its last member 'Mutuelle solidaire de "
                                  "l'Ondaine (fictive)', which lacks themes, goals, which all 7 others have "
                                  "(interrupted download or copy?); check that the file is whole")]
    assert ex.issues[0].message.startswith("fichier peut-être tronqué : il s'arrête dans son dernier membre « Mutuelle")


def test_a_register_cut_after_a_key_whose_list_was_on_the_next_lines_says_so():
    member = "  - name: M{}\n    kind: association\n    circle: coeur\n    goals:\n"
    text = "members:\n" + "".join(member.format(n) + "      - 1\n" for n in range(3)) + member.format(3)
    assert [line for line, _ in truncated(register(text))] == [17]


def test_a_register_cut_in_its_last_action_says_so():
    assert [line for line, _ in truncated(register(cut_after(91)))] == [90]


@pytest.mark.parametrize("last", [
    "  - {name: D, kind: association, circle: coeur}\n",  # a member added without the others' entry date, in one line
    "  - name: D\n    kind: association\n    circle: coeur\n    goals: [1]\n",  # without it, a key after it written
    "  - name: D\n    kind: association\n    circle: coeur\n    joined: 2024-01-01\n    goals: [1]\n",  # whole
], ids=["flow-mapping", "a-key-after-the-missing-one", "whole"])
def test_a_last_member_that_may_be_whole_is_not_said_truncated(last):
    members = "".join(f"  - name: M{n}\n    kind: association\n    circle: coeur\n    joined: 2024-01-01\n"
                      f"    goals: [1]\n" for n in range(3))
    assert truncated(register("members:\n" + members + last)) == []


def test_a_short_last_member_followed_by_another_section_is_not_said_truncated():
    members = "".join(f"  - name: M{n}\n    kind: association\n    circle: coeur\n    joined: 2024-01-01\n"
                      for n in range(3))
    text = "members:\n" + members + "  - name: D\n    kind: association\n    circle: coeur\nactions:\n  - title: A\n"
    assert truncated(register(text)) == []


def test_a_short_last_member_after_a_single_other_is_not_said_truncated():
    text = ("members:\n  - name: M\n    kind: association\n    circle: coeur\n    joined: 2024-01-01\n"
            "  - name: D\n    kind: association\n    circle: coeur\n")
    assert truncated(register(text)) == []


# 2. U+2028, U+2029 and NEL inside a line.

@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"], ids=["U+2028", "U+2029", "NEL"])
@pytest.mark.parametrize("name, text", [
    ("r.csv", "name;kind;circle\nA{sep}B;association;coeur\nC;associaton;coeur\n"),
    ("r.yaml", "members:\n  - name: A{sep}B\n    kind: association\n    circle: coeur\n"
               "  - name: C\n    kind: associaton\n    circle: coeur\n"),
    ("r.yaml", "members:\n  - name: \"A{sep}B\"\n    kind: association\n    circle: coeur\n"
               "  - name: C\n    kind: associaton\n    circle: coeur\n"),
], ids=["csv", "yaml", "yaml-quoted"])
def test_a_line_separator_in_a_members_name_keeps_the_name_whole_and_the_lines_the_files(separator, name, text):
    ex = register(text.replace("{sep}", separator), name)
    labels = {str(label) for label in ex.graph.objects(None, RDFS.label)}
    assert {"A B", "C"} <= labels and "B" not in labels
    code = f"U+{ord(separator):04X}"
    assert (2, f"line separator {code} inside the line (a line break pasted from a word processor?), replaced by a "
               "space") in [(i.line, i.message_en) for i in ex.issues]
    kind_line = 3 if name == "r.csv" else 6
    assert [i.line for i in ex.issues if "associaton" in i.message_en] == [kind_line]


def test_a_line_separator_in_a_yaml_comment_does_not_refuse_the_register():
    ex = register("# note\u2028suite\nmembers:\n  - name: A\n    kind: associaton\n    circle: coeur\n")
    assert [i.line for i in ex.issues if "associaton" in i.message_en] == [4]


def test_a_form_feed_in_a_csv_register_is_removed_without_cutting_the_row():
    ex = register("name;kind;circle\nA\x0cB;association;coeur\nC;associaton;coeur\n", "r.csv")
    assert {"AB", "C"} <= {str(label) for label in ex.graph.objects(None, RDFS.label)}
    assert [i.line for i in ex.issues if "associaton" in i.message_en] == [3]
