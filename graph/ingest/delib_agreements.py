"""The agreements a deliberation approves: "approuve la convention à intervenir entre Saint-Etienne Métropole et
Danaecare, permettant le versement de la subvention ; autorise Monsieur le Président … à signer ladite convention".

A French grant of more than 23,000 € is paid under an agreement (*convention*, Décret 2001-495), and a council
approves most of them with the grant: the agreement says who is bound, which grants it governs and who signs it.
Each approving clause ("approuve", "approuver les termes de", "valide", "sont approuvées les conventions", "la
convention … est approuvée") of a convention, an amendment (*avenant*), a contract or a lease (*bail*) is one
:class:`AgreementFound`; a signing clause ("autorise le Maire à signer la convention", "… à la signer", "le Maire
est autorisé à signer …", "Le Président la signera", "… à signer ces documents") gives its signatory to the
agreements approved before it, or is itself the agreement when none is; a pronoun whose sentence approves none
points back at the agreement the sentence names ("subordonne le versement à la signature d'une convention …, et
autorise le Maire à la signer"), and each agreement a signing clause names besides those approved before is one
more ("ladite convention et les conventions à passer avec les autres bénéficiaires") unless it names no party ("la
convention de mise à disposition"). An approving clause may name several ("la convention d'objectifs avec A et la
convention de partenariat avec B", "…, ainsi que le bail consenti à C"): each is one, and a signing clause that
names several gives each only its own words. An office's decision "de signer la convention …" approves it, with no
one authorised.
A clause that authorises signing "tous documents" only names no agreement.

Which grants an agreement governs is read from its words: the beneficiaries it names ("avec l'association MSP
Dervallières Santé"), or the kind of beneficiaries it names ("avec les deux groupes d'entraide mutuelle": the GEMs'),
else none when it names only partners that are no beneficiary ("la convention de financement avec l'ARS"), else
every grant of the deliberation when it is said to be theirs ("les conventions
correspondantes", "d'attribution", "permettant le versement de la subvention") or is said of nothing but itself
("les conventions à intervenir", "la convention type"): a deliberation that awards grants and approves such an
agreement approves the grants'. A lease or a provision of premises ("mise à disposition", "bail") governs no grant,
even with a beneficiary as party.

>>> found = find_agreements("Le Conseil, après en avoir délibéré :\\n- approuve la convention d'objectifs avec "
...                         "l'association Lien ;\\n- autorise le Maire à la signer.")
>>> [(a.title, a.signatory) for a in found]
[("Convention d'objectifs avec l'association Lien", 'le Maire')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from graph.identity import name_key
from graph.ingest.french import AMOUNT_RE, fold, parse_amount
from graph.ingest.delib_partners import each_of_plural_kind, partners

#: What opens the operative part: the clauses before it propose ("il vous est proposé d'approuver …").
_OPERATIVE = re.compile(r"apr[èe]s\s+(?:en\s+)?avoir\s+d[ée]lib[ée]r[ée]|\bD[ÉE]CIDE\b|\bD[ÉE]LIB[ÈE]RE\b", re.I)
#: An agreement's head noun, with what may come before it: "la convention", "les termes des conventions", "le
#: projet de convention", "le modèle de contrat", "l'avenant n° 2 au bail", "le contrat local de santé"; a body's own
#: agreement that it joins: "adhère au GIP … et approuve sa convention constitutive".
_BEFORE_HEAD = r"(?:(?:projets?|mod[èe]les?)\s+d['’]\s*|(?:projets?|mod[èe]les?)\s+de\s+)?"
#: … the head nouns themselves: a lease ("le bail professionnel") is approved as a convention is …
_HEADS = r"conventions?|avenants?|contrats?|bail|baux"
#: … and what the council approves of it, when not the agreement itself: "le renouvellement de la convention de mise
#: à disposition", "la reconduction du bail", "la conclusion d'un contrat".
_ACT_ON = (r"(?:le|la|l['’])\s*(?:renouvellement|reconduction|prolongation|prorogation|conclusion|passation|"
           r"signature)\s+(?:de\s+la|de\s+l['’]|du|des|d['’]\s*une?|de)\s*")
_HEAD = (r"(?:les\s+termes\s+(?:de\s+la|de\s+l['’]|du|des)\s*|" + _ACT_ON
         + r"|(?:la|les|le|l['’]|ladite|lesdites|sa|son|ses)\s*)"
         + _BEFORE_HEAD + r"(?P<head>" + _HEADS + r")\b")
#: … and a decision of its own office signs it: "DÉCIDE … de mettre à disposition le bureau n° 4 et de signer la
#: convention de mise à disposition correspondante".
_APPROVES = re.compile(r"\b(?:approuve|approuver|valide|valider|(?:est|sont)\s+(?:approuv|valid)[ée]e?s?|"
                       r"de\s+signer)\s+(?:d[eu]\s+)?" + _HEAD, re.I)
#: Where an approving clause names one more agreement: "la convention d'objectifs avec A et la convention de
#: partenariat avec B", "…, ainsi que le bail civil consenti à C", "la convention de partenariat, la convention de
#: mise à disposition et le bail".
_NEXT = re.compile(r"(?:\s*,?\s+(?:et|ainsi\s+que)\s+|\s*,\s*)(?P<named>(?:la|les|le|l['’])\s*" + _BEFORE_HEAD
                   + r"(?P<head>" + _HEADS + r")\b)", re.I)
#: What introduces an agreement's parties in its words: "avec", "entre", "au profit de".
_PARTIES = re.compile(r"\b(?:avec|entre|au\s+profit\s+d)", re.I)
#: The passive that names the agreement first, at the start of an item: "2- Les conventions d'application
#: afférentes, établies entre la Ville et les associations précitées, sont approuvées."
_APPROVED = re.compile(r"^[ \t]*(?:article\s+\w+\s*[:.–-]?\s*|\d{1,2}\s*[-°.)/]+\s*|[-–—•*]\s*)?"
                       r"(?P<lead>la|les|le|l['’])\s*" + _BEFORE_HEAD + r"(?P<head>" + _HEADS + r")\b"
                       r"[^.;:]{0,300}?(?P<verb>,?\s+(?:est|sont)\s+(?:approuv|valid)[ée]e?s?\b)", re.I | re.M)
#: Who is authorised to sign, and what: "autorise Monsieur le Président, ou son représentant dûment habilité, à
#: signer ladite convention", "autorise le Maire à la signer", "AUTORISE LE PRÉSIDENT À SIGNER LES CONVENTIONS", and
#: the verbs of the same sense: "d'habiliter le Maire à signer", "mandate le Président pour signer", "charge le Maire
#: de signer", "donne pouvoir au Maire de signer".
_SIGNS = re.compile(r"\b(?:(?:autoriser?|habiliter?|mandater?|charger?)\s+|donner?\s+(?:tous\s+)?pouvoirs?\s+"
                    r"(?:[àa]\s+)?)(?P<who>(?:(?:monsieur|madame|mme|le|la|son|sa|au)\b|m\.|l['’])"
                    r"[^;:\n]{0,100}?(?:\n[^;:\n]{0,100}?)?)\s*,?\s+(?:[àa]|de|pour)\s+"
                    r"(?P<pronoun>(?:la|les|le|l['’])\s*)?signer\b", re.I)  # "A LA SIGNER" typed without accents
#: … and in the passive or the future, the office first: "Monsieur le Maire ou son représentant est autorisé à signer
#: ces conventions", "Madame la Maire de Paris est autorisée à signer avec l'association la convention jointe", "Le
#: Président la signera au nom de la Communauté de communes", "le Maire est habilité à signer".
_SIGNS_PASSIVE = re.compile(r"(?P<who>(?:(?:monsieur|madame|m\.|mme\.?)\s+)?(?:(?:le|la)\s+|l['’]\s*)"
                            r"(?:premi[èe]re?\s+)?(?:vice-?\s*)?(?:pr[ée]sidente?|maire|adjointe?|directeur|directrice)"
                            r"\b[^.;:\n]{0,100}?(?:\n[^.;:\n]{0,100}?)?)\s*,?\s+"
                            r"(?:(?:est|sont)\s+(?:(?:autoris|habilit)[ée]e?s?\s+[àa]|charg[ée]e?s?\s+de)\s+"
                            r"(?P<pronoun>(?:la|les|le|l['’])\s*)?signer|"
                            r"(?P<future>(?:la|les|le|l['’])\s*)?sign(?:era|eront))\b", re.I)
#: What a signing clause names ("ladite convention", "les conventions à passer", "le bail"), each agreement after the
#: first joined by "et" or a comma; "ladite", "cette", "ces" point back at those approved before.
_SIGNED_HEAD = re.compile(r"\b(?:(?P<det>ladite|lesdites|ledit|lesdits|cette|cet|ces|la|les|le|l['’])\s*)?"
                          + _BEFORE_HEAD + r"(?P<head>" + _HEADS + r")\b", re.I)
_BACK = {"ladite", "lesdites", "ledit", "lesdits", "cette", "cet", "ces"}
_AND = re.compile(r"\s*(?:,|\bet|\bainsi\s+que)\s*$", re.I)
_EVENTUAL = re.compile(r"[ée]ventuel|ult[ée]rieur|futur", re.I)
#: A signing clause that points back at all the papers approved before it: "à signer ces documents", "lesdits actes".
_THESE_PAPERS = re.compile(r"\s*(?:ces|lesdits|lesdites)\s+(?:documents?|actes?|pi[èe]ces?)\b", re.I)
#: What ends a clause: its semicolon or full stop, a blank line, the next item of a list, an "ARTICLE", or a second
#: verb of the same sentence ("approuve la convention … et autorise le Maire à la signer", "…, DIT que").
_SENTENCE_END = r";|\.(?=\s*\n|\s+[A-ZÀ-Ý]|\s*$)|\n[ \t]*\n|\n[ \t]*(?:[-–—•*]|\d{1,2}\s*[°)]|[a-z]\)|article\b)"
_CLAUSE_END = re.compile(_SENTENCE_END + r"|,?\s+et\s+(?:d['’]\s*)?(?:autorise|habilite|mandate)"
                         r"|,?\s+(?:et\s+)?(?:d['’]\s*)?(?:autoriser|habiliter|mandater)\b|"
                         r"(?-i:,\s*(?=[A-ZÀ-Ý]{3,}\b))", re.I)
#: An agreement the sentence names before a signing clause that points back at it with a pronoun, though no clause
#: approves it: "Subordonne le versement … à la signature de conventions conformes à la convention-type …, et
#: autorise la Présidente à les signer".
_NAMED_BEFORE = re.compile(r"\b(?:la|les|le|l['’]|une?|des|de|d['’])\s*" + _BEFORE_HEAD + r"(?P<head>" + _HEADS
                           + r")\b", re.I)
#: The words that make an agreement the grants' own ("les conventions correspondantes", "de financement", "avec
#: les associations susvisées").
_GRANTS_OWN = re.compile(r"correspondante?s?|aff[ée]rente?s?|d['’]\s*attribution|de\s+financement|"
                         r"financi(?:er|[èe]re)s?|d['’]\s*aide|d['’]\s*objectifs|d['’]\s*engagement|subventions?|"
                         r"fonds\s+de\s+concours|b[ée]n[ée]ficiaires?|versement|susvis[ée]e?s?|pr[ée]cit[ée]e?s?|"
                         r"ci-dessus", re.I)
#: An agreement said of nothing but itself ("les conventions à intervenir", "la convention type", "le contrat
#: ci-annexé", "ladite convention" when none is approved before): in a deliberation that awards grants, theirs.
_ITSELF_ONLY = re.compile(r"(?:" + _HEADS + r")(?:[\s-]+(?:à\s+(?:intervenir|conclure|passer)|"
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
#: What a title leaves out: that the agreement is annexed ("annexée à la présente délibération", "… décision",
#: "jointe en annexe").
_ANNEXED = re.compile(r",?\s*(?:annex[ée]e?s?|jointe?s?)\s+(?:à\s+la\s+présente\s+(?:délibération|décision)|"
                      r"en\s+annexe)\b", re.I)
#: … and the other papers signed with it ("les conventions et tous documents afférents", "ainsi que tout acte",
#: "ainsi que l'arrêté attributif de subvention au profit de l'association A", which is no agreement: the
#: beneficiary it names is not the agreement's).
_OTHER_PAPERS = re.compile(r",?\s+(?:et|ainsi\s+que)\s+(?:à\s+)?(?:(?:tous|toutes|tout|toute|les|ces|des|une?|le|la|"
                           r"ledit|ladite|lesdits|lesdites)\s+|l['’]\s*)(?:les\s+)?(?:documents?|actes?|pi[èe]ces?|"
                           r"arr[êe]t[ée]s?|d[ée]cisions?|courriers?)\b.*$", re.I | re.S)
#: What a title leaves out after a comma: what the clause says of the agreement (", à intervenir", ", d'une durée de six
#: ans", ", au 4 rue de la Gare", ", fixant la contribution 2025", ", moyennant un loyer …"), not the next of its
#: parties (", la Commune et la CPTS Alpha", ", Bus 31/32 et Nouvelle Aube", ", et avec l'association B").
_COMMA_TAIL = re.compile(r",\s+(?!(?:la|le|les|l['’]|et|ou|ainsi)\b|(?-i:[A-ZÀ-Ý«]))", re.I)
#: … unless it is an incise before the words of the agreement's object go on: ", à titre gracieux, de deux bureaux".
_INCISE = re.compile(r"[^,]{1,60},\s+(?=(?:de|du|des|d['’]|avec|entre|au\s+profit\s+d)\b)", re.I)
#: … and where the object lies, said with "situé" or "sis" ("du local communal situé 4 rue de la Gare", "pour le local
#: situé zone artisanale de …"): an address, up to the parties named after it ("… situés 3 rue X au profit de Y").
_PLACE_TAIL = re.compile(r"(?:\s+pour\s+(?:le|la|les|l['’])\s*[^\s,;]+)?\s+(?:situ[ée]e?s?|sise?s?)\s.*?"
                         r"(?=\s+(?:au\s+profit|avec|entre|en\s+faveur)\b|$)", re.I | re.S)
_MAX_CLAUSE, _MAX_TITLE = 400, 160


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
        own = _GRANTS_OWN.search(" ".join(self.words)) or _ITSELF_ONLY.fullmatch(self.title)
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


def _clause_end(body: str, start: int) -> int:
    """Where the clause that starts at ``start`` ends (at most :data:`_MAX_CLAUSE` characters on)."""
    end = _CLAUSE_END.search(body, start, min(len(body), start + _MAX_CLAUSE))
    at = end.start() if end else min(len(body), start + _MAX_CLAUSE)
    return start + len(body[start:at].rstrip())


def _plural(head: str) -> bool:
    """Whether an agreement's head noun is plural ("conventions", "baux")."""
    return head.lower().endswith(("s", "x"))


def _title(words: str) -> str:
    """An agreement's title from a clause's words, one line, capitalised, without what says it is annexed.

    >>> _title("conventions pluriannuelles d'objectifs 2024-2026 avec l'association MSP Dervallières\\nSanté")
    "Conventions pluriannuelles d'objectifs 2024-2026 avec l'association MSP Dervallières Santé"
    >>> _title("convention de partenariat avec X, annexée à la\\n  présente délibération, pour 2025")
    'Convention de partenariat avec X'
    >>> _title("convention tripartite entre l'ARS, la Commune et la CPTS Alpha, à intervenir")
    "Convention tripartite entre l'ARS, la Commune et la CPTS Alpha"
    >>> _title("convention de mise à disposition, à titre gracieux, de deux bureaux au profit de X, pour un an")
    'Convention de mise à disposition, à titre gracieux, de deux bureaux au profit de X'
    >>> _title("conventions à intervenir avec Sainte-Marie de Clermont-\\nFerrand ainsi que tout document nécessaire")
    'Conventions à intervenir avec Sainte-Marie de Clermont-Ferrand'
    >>> _title("bail commercial avec la SCIC X pour le local situé zone artisanale de Lextarre, moyennant un loyer")
    'Bail commercial avec la SCIC X'
    >>> _title("convention de mise à disposition des locaux sis 3 rue Haute au profit de l'association Y")
    "Convention de mise à disposition des locaux au profit de l'association Y"
    """
    text = re.sub(r"\s+", " ", re.sub(r"(?<=\w)-[ \t]*\n\s*", "-", words))  # "Clermont-⏎Ferrand"
    text = _OTHER_PAPERS.sub("", _ANNEXED.sub("", text)).strip(" ,")
    at = 0
    while (tail := _COMMA_TAIL.search(text, at)) is not None:
        if (incise := _INCISE.match(text, tail.end())) is None:
            text = text[:tail.start()]
            break
        at = incise.end()  # "de mise à disposition, à titre gracieux, de deux bureaux": an incise, kept
    text = _PLACE_TAIL.sub("", text)
    if len(text) > _MAX_TITLE:
        text = text[:_MAX_TITLE].rsplit(" ", 1)[0].rstrip(" ,") + "…"
    return text[:1].upper() + text[1:]


def _approvals(body: str) -> list[tuple[re.Match, tuple[int, int], int]]:
    """The approving clauses of ``body`` in the text's order: each one's match, span, and where its agreement's
    words end (before the verb of "la convention … est approuvée")."""
    found = [(m, (m.start(), end), end) for m in _APPROVES.finditer(body)
             for end in [_clause_end(body, m.start("head"))]]
    found += [(m, (m.start("lead"), m.end("verb")), min(_clause_end(body, m.start("head")), m.start("verb")))
              for m in _APPROVED.finditer(body)]
    return sorted(found, key=lambda approval: approval[1])


def _parts(body: str, head: int, noun: str, end: int) -> list[tuple[int, int, str, str]]:
    """The agreements an approving clause names from its first head ``noun`` (at ``head``) to ``end``, each as where
    it is named (its article on), where its words end, its head noun and its words: two for "la convention
    d'objectifs avec A et la convention de partenariat avec B". The parties said of the last one are also those of
    the ones before that name none ("la convention d'objectifs et la convention d'investissement à conclure avec
    l'association A").

    >>> text = "la convention d'objectifs et de moyens et la convention d'investissement avec A, ainsi que le bail"
    >>> [words for *_, words in _parts(text, 3, "convention", len(text))]
    ["convention d'objectifs et de moyens avec A", "convention d'investissement avec A", 'bail']
    """
    cuts = list(_NEXT.finditer(body, head, end))
    found = [(cut.start("named") if cut else head, right, cut.group("head") if cut else noun,
              body[cut.start("head") if cut else head:right])
             for cut, right in zip([None, *cuts], [cut.start() for cut in cuts] + [end])]
    shared = [_PARTIES.search(words) for *_, words in found]
    for rank in range(len(found) - 1, 0, -1):  # the parties of the next one that names them
        if shared[rank] and not shared[rank - 1]:
            left, right, noun, words = found[rank - 1]
            found[rank - 1] = (left, right, noun, words + " " + found[rank][3][shared[rank].start():])
            shared[rank - 1] = shared[rank]
    return found


def _operative_start(body: str, approvals: list[re.Match]) -> int:
    """Where the operative part starts, when approving clauses follow it; else 0 (all clauses count)."""
    opening = _OPERATIVE.search(body)
    if opening and any(m.start() > opening.start() for m in approvals):
        return opening.start()
    return 0


def _signed_ones(rest: str) -> list[tuple[re.Match, str]]:
    """The agreements the words after "à signer" name, each with its words: one for "les conventions
    correspondantes", two for "la convention et le bail" or "ladite convention et les conventions à passer avec les
    autres bénéficiaires"; none for "tous documents". Amendments to come ("et les avenants éventuels") are none."""
    heads = list(_SIGNED_HEAD.finditer(rest))
    heads = heads[:1] + [head for head in heads[1:] if head.group("det") and _AND.search(rest, 0, head.start())]
    ends = [head.start() for head in heads[1:]] + [len(rest)]
    named = [(head, _AND.sub("", rest[head.start("head"):stop])) for head, stop in zip(heads, ends)]
    return named[:1] + [(head, words) for head, words in named[1:] if not _EVENTUAL.search(words)]


def _referents(named: list[tuple[re.Match, str]],
               before: list[AgreementFound]) -> list[list[AgreementFound] | None]:
    """For each agreement a signing clause names, which of those approved ``before`` it is, or None when it is a new
    one. Each one named is those whose title its words begin, or that begin its words ("la convention de
    partenariat" for "Convention de partenariat 2025-2027 avec X"); else, when it is the first named, "ladite
    convention", "le bail" or another that names no party ("la convention de mise à disposition"), those no other
    one named is; else, a new one ("les conventions à passer avec les autres bénéficiaires").

    >>> old = [AgreementFound("Convention de partenariat avec X", (0, 9), False),
    ...        AgreementFound("Bail", (9, 20), False)]
    >>> signed = _signed_ones("la convention de partenariat, la convention de mise à disposition et le bail")
    >>> [[a.title for a in its] for its in _referents(signed, old)]
    [['Convention de partenariat avec X'], [], ['Bail']]
    """
    if not before or len(named) == 1:
        return [None if before and _another_one(*named[0], before) else before or None] + [None] * (len(named) - 1)
    keys = [name_key(_title(words)) for _, words in named]
    matched = [[a for a in before if name_key(a.title).startswith(key) or key.startswith(name_key(a.title))]
               for key in keys]
    others = [a for a in before if not any(a in its for its in matched)]
    return [its or (others if rank == 0 or (head.group("det") or "").lower() in _BACK | {"la", "le", "l'", "l’"}
                    and not _PARTIES.search(words) or _ITSELF_ONLY.fullmatch(_title(words)) else None)
            for rank, ((head, words), its) in enumerate(zip(named, matched))]


#: A party an agreement's title names in the singular, though maybe by its kind only: "avec l'Agence régionale de
#: santé", "entre la Ville et l'ARS", "avec Danaecare" (not "avec les associations").
_WITH_ONE = re.compile(r"\b(?:avec|entre|au\s+profit\s+d(?:e|u))\s+(?:la\s|le\s|l['’]|(?-i:[A-ZÀ-Ý]))", re.I)


def _party_words(title: str) -> set[str]:
    """The words (of three letters or more) of the partners an agreement's title names."""
    return {word for name, _ in partners(title) for word in name_key(name).split() if len(word) >= 3}


def _another_one(head: re.Match, words: str, before: list[AgreementFound]) -> bool:
    """Whether the one agreement a signing clause names is not one of those approved ``before`` it: it names its
    parties, none of theirs, and each one approved before that is not signed yet names another ("APPROUVE la
    convention de financement avec l'ARS ; AUTORISE le Maire à signer la convention d'attribution avec
    l'association X": two agreements, the first signed by no one).

    >>> old = [AgreementFound("Convention de financement avec l'ARS", (0, 9), False)]
    >>> _another_one(*_signed_ones("la convention d'attribution avec l'association Lien")[0], old)
    True
    >>> _another_one(*_signed_ones("la convention avec l'ARS Bretagne")[0], old)
    False
    """
    theirs = _party_words(_title(words))
    if not theirs or (head.group("det") or "").lower() in _BACK:
        return False
    key = name_key(_title(words))
    return not any(name_key(a.title).startswith(key) or key.startswith(name_key(a.title))
                   or _party_words(a.title) & theirs for a in before) \
        and all(_WITH_ONE.search(a.title) for a in before if a.signatory is None)


def _named_before(body: str, start: int, end: int, agreements: list[AgreementFound]) -> tuple[re.Match, int] | None:
    """The first agreement named in the sentence that ends at ``end`` (starting at ``start`` at the earliest), and
    where that sentence starts, when no clause of the sentence approves one: the antecedent of the pronoun of a
    signing clause that follows ("… à la signature d'une convention conforme …, et autorise le Maire à la signer")."""
    sentence = start + max([0] + [boundary.end() for boundary in re.finditer(_SENTENCE_END, body[start:end], re.I)])
    if any(sentence <= agreement.span[0] < end for agreement in agreements):
        return None
    named = _NAMED_BEFORE.search(body, sentence, end)
    return (named, sentence) if named else None


def find_agreements(body: str) -> list[AgreementFound]:
    """The agreements that ``body`` approves or authorises to sign, in the text's order; one per distinct title.

    >>> [(a.title, a.signatory) for a in find_agreements("DÉCIDE\\nArticle 1 : AUTORISE le Président à signer les "
    ...                                                  "conventions correspondantes.")]
    [('Conventions correspondantes', 'le Président')]
    >>> find_agreements("DÉCIDE : autorise la Présidente à signer tous documents afférents.")
    []
    """
    approvals = _approvals(body)
    start = _operative_start(body, [match for match, _, _ in approvals])
    found: dict[str, AgreementFound] = {}
    for match, span, end in approvals:
        if span[0] < start:
            continue
        parts = _parts(body, match.start("head"), match.group("head"), end)
        for rank, (left, right, noun, words) in enumerate(parts):
            title = _title(words)
            key = name_key(title)
            if key not in found:  # the first from the clause's verb, the last to the verb of "… sont approuvées"
                found[key] = AgreementFound(title, (left if rank else span[0], span[1] if rank == len(parts) - 1
                                                    else right), _plural(noun), words=[words], clause=span)
    signings = sorted([*_SIGNS.finditer(body, start), *_SIGNS_PASSIVE.finditer(body, start)], key=re.Match.start)
    # "le Maire est chargé de signer la convention" is signed, not a decision to sign
    agreements = [a for a in found.values() if not any(s.start() <= a.span[0] < s.end() for s in signings)]
    for match in signings:
        end = _clause_end(body, match.end())
        rest = _OTHER_PAPERS.sub("", body[match.end():end])  # "… ainsi que l'arrêté attributif au profit de A"
        who = re.sub(r"^au\b", "le", re.sub(r"\s+", " ", match.group("who")).strip(" ,"), flags=re.I)
        # in the text's order, though one that a signing clause adds ("… ainsi que la convention X") is listed last
        signed = sorted((a for a in agreements if a.span[0] < match.start()), key=lambda a: a.span[0])
        pronoun = match.group("pronoun") or match.groupdict().get("future")
        said = None  # what the clause says of each agreement it signs, when not ``rest``
        if pronoun and (before := _named_before(body, max(start, match.start() - _MAX_CLAUSE), match.start(),
                                                agreements)):  # "… à la signature de conventions …, et … à les signer"
            named, sentence = before
            title = _title(body[named.start("head"):_clause_end(body, named.start("head"))])
            agreement = AgreementFound(title, (named.start(), end), _plural(named.group("head")),
                                       words=[body[sentence:end]])
            agreements.append(agreement)
            signed = [agreement]
        elif pronoun:  # "… et autorise le Maire à la signer": the agreement just approved; "à les signer": those of
            # the clause that approves it ("la convention attributive avec A et l'avenant n° 1 …")
            signed = [a for a in signed if pronoun.strip().lower() == "les" and signed[-1].clause
                      and a.clause == signed[-1].clause] or signed[-1:]
        elif _THESE_PAPERS.match(rest):  # "… à signer ces documents": those approved before
            pass
        elif not (named := _signed_ones(rest)):
            continue  # "autorise le Président à signer tous documents": no agreement named
        else:  # "à signer ladite convention et les conventions à passer avec les autres bénéficiaires"
            referents = _referents(named, signed)
            new = {rank: AgreementFound(_title(words), (match.start(), end), _plural(head.group("head")),
                                        words=[rest if len(named) == 1 else words])
                   for rank, ((head, words), its) in enumerate(zip(named, referents)) if its is None}
            agreements += new.values()
            # each one named is said only of those it is ("la convention de partenariat, … et le bail")
            said = [(agreement, rest if len(named) == 1 else words)
                    for rank, ((_, words), its) in enumerate(zip(named, referents))
                    for agreement in (its if its is not None else [new[rank]])]
        for agreement, words in said if said is not None else [(agreement, rest) for agreement in signed]:
            if agreement.signatory is None:
                agreement.signatory, agreement.signing_span = who, (match.start(), end)
                if agreement.span != (match.start(), end):
                    agreement.words.append(words)
    return agreements
