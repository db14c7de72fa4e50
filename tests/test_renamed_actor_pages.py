"""The page of a member that a register renamed also shows what other sources state about its old address: the
grants it received and its memberships, which a grants list or a deliberation ingested before the rename still make
to the old IRI (``<old> dcterms:isReplacedBy <new>``, graph.ingest.source_renames).

Fixture strategy: the versions of a small register are ingested one after the other into a fresh store, then a
tiny N-Triples file that names the old address (tests.test_source_renames.client_after), and a fresh app reads it.
"""

from __future__ import annotations

from tests.test_source_renames import NEW, OLD, client_after, member

MAI, ORG = "https://w3id.org/maillage/ontology#", "http://www.w3.org/ns/org#"
OTHER = (f"<https://ex.org/grant/1> a <{MAI}Grant> ; <{MAI}beneficiary> <{OLD}> ; "
         f"<http://schema.org/amount> 5000 .\n"
         f"<https://ex.org/membership/1> a <{ORG}Membership> ; <{ORG}member> <{OLD}> ; "
         f"<{ORG}organization> <https://ex.org/pole/q> .\n")


def page_after_rename(tmp_path, others: dict[str, str]) -> dict:
    """The JSON page of the renamed member's new address, once ``others`` are ingested after its rename."""
    with client_after(tmp_path, member("Télésoins SCIC"), member("Télésoins du Forez SCIC"),
                      others=others) as client:
        return client.get("/id/actor/telesoins-forez.json").get_json()


def test_the_new_page_of_a_renamed_member_lists_the_grants_made_to_its_old_address(tmp_path):
    page = page_after_rename(tmp_path, {"other.ttl": OTHER})
    assert [row["grant"]["iri"] for row in page["grants_received"]["rows"]] == ["https://ex.org/grant/1"]


def test_the_new_page_of_a_renamed_member_lists_the_memberships_of_its_old_address(tmp_path):
    page = page_after_rename(tmp_path, {"other.ttl": OTHER})
    memberships = {row["membership"]["iri"] for row in page["memberships"]["rows"]}
    assert "https://ex.org/membership/1" in memberships and len(memberships) == 2


def test_the_page_of_a_member_never_renamed_lists_only_its_own_grants(tmp_path):
    other = OTHER.replace(OLD, NEW)
    page = page_after_rename(tmp_path, {"other.ttl": other})
    assert [row["grant"]["iri"] for row in page["grants_received"]["rows"]] == ["https://ex.org/grant/1"]
