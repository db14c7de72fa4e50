"""An agreement that a deliberation approves (:class:`AgreementFound`, read by
:func:`graph.ingest.delib_agreements.find_agreements`), and what its words say of the grants it governs: whether it
may govern grants at all (not a lease, nor premises), whether it is the grants' own, said of the beneficiaries other
agreements do not name, of a kind of beneficiaries (:func:`of_kind`), of one by a demonstrative, or of the grants above
a threshold.

Apart from :mod:`graph.ingest.delib_agreements` because the clauses that approve and sign an agreement are one
reading, and what the agreement found says of its parties and grants another, that
:mod:`graph.ingest.delib_agreement_parties` asks.

>>> AgreementFound("Convention", (0, 1), False, words=["la convention de financement"]).grants_own()
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from graph.identity_names import name_key
from graph.ingest.delib_partners import each_of_plural_kind
from graph.ingest.french import AMOUNT_RE, fold, parse_amount


#: An agreement's head nouns: a lease ("le bail professionnel") is approved as a convention is.
HEADS = r"conventions?|avenants?|contrats?|bail|baux"
#: The words that make an agreement the grants' own ("les conventions correspondantes", "de financement", "avec
#: les associations susvisées").
_GRANTS_OWN = re.compile(r"correspondante?s?|aff[ée]rente?s?|d['’]\s*attribution|de\s+financement|"
                         r"financi(?:er|[èe]re)s?|d['’]\s*aide|d['’]\s*objectifs|d['’]\s*engagement|subventions?|"
                         r"fonds\s+de\s+concours|b[ée]n[ée]ficiaires?|versement|susvis[ée]e?s?|pr[ée]cit[ée]e?s?|"
                         r"ci-dessus", re.I)
#: An agreement said of nothing but itself ("les conventions à intervenir", "la convention type", "le contrat
#: ci-annexé", "ladite convention" when none is approved before): in a deliberation that awards grants, theirs.
ITSELF_ONLY = re.compile(r"(?:" + HEADS + r")(?:[\s-]+(?:à\s+(?:intervenir|conclure|passer)|"
                         r"types?|ci-?annex[ée]e?s?|ci-?jointe?s?))*", re.I)
#: An agreement with the beneficiaries other agreements do not name: "avec les (deux) autres bénéficiaires".
_OTHERS = re.compile(r"\b(?:les|des|aux)\s+(?:deux\s+|trois\s+|quatre\s+|\d+\s+)?autres\s+"
                     r"(?:b[ée]n[ée]ficiaires?|associations?|structures?|organismes?|"
                     r"porteurs?|communes?|partenaires?)\b", re.I)
#: The kind of beneficiaries an agreement is said to be with, and how many: "avec les deux groupes d'entraide
#: mutuelle", "avec les trois GEM", "avec les communes" (not "les bénéficiaires", "les associations susvisées").
_WITH_KIND = re.compile(r"\bavec\s+(?:les|des|aux)\s+(?:(?P<count>deux|trois|quatre|cinq|six|sept|huit|neuf|dix|\d+)"
                        r"\s+)?(?P<kind>[\w'’ -]+?)\s*(?=[,;:.()]|$|\s(?:qui|dont|pour|au\s+titre|relatives?|"
                        r"jointes?|annex[ée]e?s?|ci-|à\s|sur\s|en\s)\b)", re.I)
_GENERIC_KIND = re.compile(r"b[ée]n[ée]ficiaires?|structures?|organismes?|partenaires?|porteurs?|autres\b|"
                           r".*\b(?:susvis[ée]e?s?|sus-?mentionn[ée]e?s?|pr[ée]cit[ée]e?s?|concern[ée]e?s?|retenue?s?|"
                           r"mentionn[ée]e?s?|list[ée]e?s?|d[ée]sign[ée]e?s?|subventionn[ée]e?s?|"
                           r"bénéficiaires?)\b", re.I)
#: The one beneficiary an agreement is said to be with, named just before: "la convention d'objectifs avec cette
#: association", "avec cet organisme".
#: Or by the definite article alone, the kind not followed by a name: "à conclure avec l'association" (not "avec
#: l'association Lien", "avec l'association des parents d'élèves", which name one).
_WITH_THIS = re.compile(r"\bavec\s+(?:(?:cette|cet)\s+|l['’]\s*(?=(?:association|organisme|structure|entreprise)\b"
                        r"(?![\w'’-]*\s+(?:(?-i:[A-ZÀ-Ý«\"“(])|d[eu]s?\b|d['’]))))(?P<kind>[\w'’-]+)", re.I)
#: A threshold of grants that an agreement is said to be for: "avec les bénéficiaires d'une subvention supérieure à
#: 23 000 €", "pour les subventions d'un montant supérieur ou égal à 23 000 €", "au-delà de 23 000 €", "excédant
#: 23 000 €", "dont la subvention dépasse 23 000 €": it governs only the grants above it (below it, "inférieure à").
_THRESHOLD = re.compile(r"\b(?:(?P<op>sup[ée]rieur|inf[ée]rieur)e?s?\s+(?P<eq>ou\s+[ée]ga(?:le?s?|ux)\s+)?à|"
                        r"(?P<beyond>au[- ]del[àa]\s+de|exc[ée]dant|d[ée]passant|d[ée]passe(?:nt)?|exc[èe]de(?:nt)?))"
                        r"\s*(?P<amount>"
                        + AMOUNT_RE.pattern + ")", re.I)
_NUMBERS = {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10}
#: Agreements about something else than a grant: premises, a lease, no money at all.
_NOT_A_GRANTS = re.compile(r"mise\s+à\s+disposition|\bbail\b|redevance|loyer|sans\s+incidence\s+financi[èe]re", re.I)


@dataclass
class AgreementFound:
    """One agreement a deliberation approves: its title (the text's words), the clause that approves it and, when
    the text authorises someone to sign it, who and where."""

    title: str
    span: tuple[int, int]
    plural: bool
    signatory: str | None = None
    signing_span: tuple[int, int] | None = None
    #: the clauses' words, where the grants it governs are named
    words: list[str] = field(default_factory=list)
    #: the approving clause that names it, which may name others ("la convention A et la convention B")
    clause: tuple[int, int] | None = None

    @property
    def spans(self) -> list[tuple[int, int]]:
        return [self.span] + ([self.signing_span] if self.signing_span else [])

    def about_grants(self) -> bool:
        """Whether the agreement may govern grants: not a lease, nor premises, nor "sans incidence financière"."""
        return not _NOT_A_GRANTS.search(" ".join(self.words))

    def grants_own(self) -> bool:
        """Whether the agreement is said to be the deliberation's grants' own ("correspondantes", "d'attribution"),
        or of nothing but itself ("les conventions à intervenir", "la convention type")."""
        own = _GRANTS_OWN.search(" ".join(self.words)) or ITSELF_ONLY.fullmatch(self.title)
        return bool(own) and self.about_grants()

    def of_the_others(self) -> bool:
        """Whether the agreement is said of the beneficiaries other agreements do not name ("les conventions à passer
        avec les autres bénéficiaires")."""
        return bool(_OTHERS.search(" ".join(self.words)))

    def parties_kind(self) -> tuple[int | None, str] | None:
        """The kind of beneficiaries the agreement is said to be with, and how many when the text says it: (2,
        "groupes d'entraide mutuelle") for "les conventions correspondantes avec les deux groupes d'entraide
        mutuelle"; None when it names none, or only "the beneficiaries" ("avec les associations susvisées").

        >>> AgreementFound("Conventions", (0, 1), True, words=["conventions avec les deux GEM, jointes"]).parties_kind()
        (2, 'GEM')
        >>> AgreementFound("Conventions", (0, 1), True, words=["conventions avec les bénéficiaires"]).parties_kind()
        """
        for words in self.words:
            said = _WITH_KIND.search(re.sub(r"\s+", " ", words))
            if said and not _GENERIC_KIND.match(said.group("kind")):
                count = said.group("count")
                return (_NUMBERS.get(count.lower(), int(count) if count.isdigit() else None) if count else None,
                        said.group("kind").strip())
        return None

    def within_threshold(self, amount: Decimal) -> bool:
        """Whether a grant of ``amount`` is among those the agreement is said to be for, by a threshold its words
        state (:data:`_THRESHOLD`); any grant when they state none.

        >>> above = AgreementFound("Conventions", (0, 1), True, words=["avec les bénéficiaires d'une subvention "
        ...                                                            "supérieure à 23 000 €"])
        >>> above.within_threshold(Decimal(24000)), above.within_threshold(Decimal(23000))
        (True, False)
        """
        for words in self.words:
            if (said := _THRESHOLD.search(words)) is not None:
                limit = parse_amount(said.group("amount"))
                if said.group("op") and fold(said.group("op")).startswith("inf"):
                    return amount < limit or bool(said.group("eq")) and amount == limit
                return amount > limit or bool(said.group("eq")) and amount == limit
        return True

    def this_kind(self) -> str | None:
        """The kind of the one beneficiary the agreement is said to be with, by a demonstrative: "association" for
        "la convention d'objectifs avec cette association".

        >>> AgreementFound("Convention", (0, 1), True, words=["la convention avec cette association"]).this_kind()
        'association'
        >>> [AgreementFound("Convention", (0, 1), True, words=[w]).this_kind() for w in (
        ...     "la convention de partenariat à conclure avec l'association", "la convention avec l'association Lien",
        ...     "la convention avec l'association des parents d'élèves")]
        ['association', None, None]
        """
        return next((said.group("kind") for words in self.words if (said := _WITH_THIS.search(words))), None)

    def names(self, key: str) -> bool:
        """Whether the agreement's words name the organisation whose name key is ``key`` (of 3 letters or more); "les
        communes de Bondy et de Stains" names the Commune de Bondy and the Commune de Stains."""
        return len(key) >= 3 and any(f" {key} " in f" {name_key(said)} " for words in self.words
                                     for said in dict.fromkeys([words, each_of_plural_kind(words)]))


def of_kind(name: str, kind: str) -> bool:
    """Whether the beneficiary ``name`` is of the ``kind`` an agreement is said to be with (:meth:`parties_kind`):
    its name starts with the kind in the singular, or has the kind's acronym as a word.

    >>> [of_kind(n, "groupes d'entraide mutuelle") for n in ("GEM Le Goéland", "UNAFAM Bêta", "Groupe d'entraide "
    ...                                                      "mutuelle L'Escale")]
    [True, False, True]
    >>> of_kind("GEM L'Escale", "GEM"), of_kind("Commune de Lussac", "communes"), of_kind("PSSM Alpha", "GEM")
    (True, True, False)
    """
    words = re.split(r"[\s'’-]+", kind.strip())
    singular = " ".join(w[:-1] if len(w) > 3 and w[-1] in "sx" and not w.isupper() else w for w in words)
    acronym = kind.strip() if len(words) == 1 and kind.strip().isupper() else "".join(
        w[0] for w in words if len(w) >= 3).upper()
    return (name_key(name).startswith(name_key(singular)) and bool(name_key(singular))
            or len(acronym) >= 2 and re.search(rf"(?<![\w-]){re.escape(acronym)}s?(?![\w-])", name) is not None)
