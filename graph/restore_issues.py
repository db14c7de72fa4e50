"""The warnings and notes of a dump's restore in its ingest report (:func:`graph.backup.restore_report`): a stored
source replaced or kept, a dump that states nothing to check it against, the sources restored, and what no Maillage
export holds, left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graph.dump_check import NAMES_SHOWN
from graph.ontology import VOCABULARY_FILES

if TYPE_CHECKING:
    from graph.backup import RestoreStats


def replaced_issue(title: str):
    """The warning of a source that a dump replaced by another content: a backup restored over newer files, or the
    export of another Maillage whose files bear the same names as this one's."""
    from graph.ingest.base import Issue

    return Issue("warning", f"remplace la source « {title} » déjà importée (un autre contenu) par sa version de "
                            "cette sauvegarde : ce qu'elle disait est retiré ; si ce fichier est l'export d'un autre "
                            "Maillage, réimportez votre fichier, et importez plutôt les fichiers de l'autre sous "
                            "d'autres noms (--name)",
                 f"replaces the source '{title}' already ingested (other content) by its version in this backup: what "
                 "it said is withdrawn; if this file is another Maillage's export, ingest your file again, and rather "
                 "ingest the other's files under other names (--name)")


def kept_issue(title: str):
    """The warning of a stored source that a dump's graph of the same sha256 contradicted: left out."""
    from graph.ingest.base import Issue

    fr = (f"la source « {title} » est déjà importée du même fichier (même empreinte sha256), mais cette "
          "sauvegarde en donne un autre contenu (modifié après l'export, ou venu d'un autre Maillage) : la version "
          "enregistrée est gardée, celle de la sauvegarde écartée")
    en = (f"the source '{title}' is already ingested from the same file (same sha256 digest), but this backup gives "
          "another content for it (edited after the export, or from another Maillage): the stored version is kept, "
          "the backup's left out")
    if title not in VOCABULARY_FILES:
        fr += f" ; pour prendre celle-ci, retirez d'abord la source (maillage remove {title}) puis importez de nouveau"
        en += f"; to take it, remove the source first (maillage remove {title}) and ingest again"
    return Issue("warning", fr, en)


def other_version_issue(title: str):
    """The note of a shipped vocabulary that a dump gives as another version of Maillage wrote it: this version's is
    kept (it is the program's, not the data's: no source of the user's is withdrawn)."""
    from graph.ingest.base import Issue

    return Issue("Info", f"cette sauvegarde donne le vocabulaire « {title} » d'une autre version de Maillage : celui "
                         "de cette version-ci est gardé (il vient avec le programme, rien de vos données n'est retiré)",
                 f"this backup gives the vocabulary '{title}' of another version of Maillage: this version's is "
                 "kept (it comes with the program, none of your data is withdrawn)")


def unchecked_issue():
    """The note of a dump that states no counts (written before the export stated them, or edited): restored as it
    is, for nothing tells whether it is whole."""
    from graph.ingest.base import Issue

    return Issue("Info", "cette sauvegarde ne dit pas ce qu'elle contient (écrite par une version antérieure de "
                         "Maillage, ou modifiée) : rien ne permet de vérifier qu'elle est complète, ses graphes sont "
                         "repris tels quels ; « maillage export » en écrit une qui se vérifie",
                 "this backup does not state what it holds (written by an earlier Maillage, or edited): nothing "
                 "tells whether it is whole, its graphs are taken as they are; 'maillage export' writes one that "
                 "is checked")


def restored_issue(stats: RestoreStats):
    """The note that names the sources a dump restored: ``maillage remove`` knows them by those names, not by the
    dump's (None when it restored none)."""
    from graph.ingest.base import Issue

    if not (titles := stats.restored):
        return None
    shown = ", ".join(titles[:NAMES_SHOWN])
    more, more_en = (f" et {len(titles) - NAMES_SHOWN} autres", f" and {len(titles) - NAMES_SHOWN} more") \
        if len(titles) > NAMES_SHOWN else ("", "")
    s, them, them_en, names = ("s", "les", "them", "names") if len(titles) > 1 else ("", "la", "it", "name")
    return Issue("Info", f"{len(titles)} source{s} restaurée{s} par cette sauvegarde : {shown}{more} ; « maillage "
                         f"remove » {them} retire par ce{s} nom{s}, pas par celui de la sauvegarde",
                 f"{len(titles)} source{s} restored by this backup: {shown}{more_en}; 'maillage remove' withdraws "
                 f"{them_en} by {'these' if s else 'this'} {names}, not by the backup's")


def left_out_issues(stats: RestoreStats) -> list:
    """The warnings of a dump that holds what no Maillage export does, left out: triples outside any named graph,
    graphs that describe no source (stored, no ``maillage remove`` could withdraw them)."""
    from graph.ingest.base import Issue

    issues = []
    if count := stats.skipped_default:
        s, them, them_en = ("s", "les", "them") if count > 1 else ("", "le", "it")
        issues.append(Issue("warning", f"{count} triplet{s} hors de tout graphe nommé écarté{s} : une sauvegarde de "
                                       f"Maillage n'en a pas ; importez-{them} depuis un fichier à part",
                            f"{count} triple{s} outside any named graph left out: a Maillage backup has none; ingest "
                            f"{them_en} from a file of their own"))
    if foreign := stats.foreign:
        shown = ", ".join(f"<{g}>" for g in foreign[:3]) + (", …" if len(foreign) > 3 else "")
        s, them, its = ("s", "les", "leurs") if len(foreign) > 1 else ("", "le", "ses")
        issues.append(Issue("warning", f"graphe{s} {shown} sans description de source (mai:Source) écarté{s} : "
                                       f"« maillage remove » ne pourrait pas {them} retirer ; importez {its} triplets "
                                       "depuis un fichier à part",
                            f"graph{s} {shown} without a source description (mai:Source) left out: 'maillage "
                            "remove' could not withdraw them; ingest their triples from a file of their own"))
    return issues
