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

This module reads the clauses that approve and sign the agreements (:func:`find_agreements`); the agreement found,
and what its words say of the grants it governs, are :mod:`graph.ingest.delib_agreement_scope`'s, its title
:mod:`graph.ingest.delib_agreement_titles`'s.
"""

from __future__ import annotations

import re

from graph.identity_names import name_key
from graph.ingest.delib_agreement_scope import HEADS, ITSELF_ONLY, AgreementFound
from graph.ingest.delib_agreement_titles import OTHER_PAPERS, read_title
from graph.ingest.delib_partners import partners

#: What opens the operative part: the clauses before it propose ("il vous est proposé d'approuver …").
_OPERATIVE = re.compile(r"apr[èe]s\s+(?:en\s+)?avoir\s+d[ée]lib[ée]r[ée]|\bD[ÉE]CIDE\b|\bD[ÉE]LIB[ÈE]RE\b", re.I)
#: An agreement's head noun, with what may come before it: "la convention", "les termes des conventions", "le
#: projet de convention", "le modèle de contrat", "l'avenant n° 2 au bail", "le contrat local de santé"; a body's own
#: agreement that it joins: "adhère au GIP … et approuve sa convention constitutive".
_BEFORE_HEAD = r"(?:(?:projets?|mod[èe]les?)\s+d['’]\s*|(?:projets?|mod[èe]les?)\s+de\s+)?"
#: … and what the council approves of it, when not the agreement itself: "le renouvellement de la convention de mise
#: à disposition", "la reconduction du bail", "la conclusion d'un contrat".
_ACT_ON = (r"(?:le|la|l['’])\s*(?:renouvellement|reconduction|prolongation|prorogation|conclusion|passation|"
           r"signature)\s+(?:de\s+la|de\s+l['’]|du|des|d['’]\s*une?|de)\s*")
_HEAD = (r"(?:les\s+termes\s+(?:de\s+la|de\s+l['’]|du|des)\s*|" + _ACT_ON
         + r"|(?:la|les|le|l['’]|ladite|lesdites|sa|son|ses)\s*)"
         + _BEFORE_HEAD + r"(?P<head>" + HEADS + r")\b")
#: … and a decision of its own office signs it: "DÉCIDE … de mettre à disposition le bureau n° 4 et de signer la
#: convention de mise à disposition correspondante".
_APPROVES = re.compile(r"\b(?:approuve|approuver|valide|valider|(?:est|sont)\s+(?:approuv|valid)[ée]e?s?|"
                       r"de\s+signer)\s+(?:d[eu]\s+)?" + _HEAD, re.I)
#: Where an approving clause names one more agreement: "la convention d'objectifs avec A et la convention de
#: partenariat avec B", "…, ainsi que le bail civil consenti à C", "la convention de partenariat, la convention de
#: mise à disposition et le bail".
_NEXT = re.compile(r"(?:\s*,?\s+(?:et|ainsi\s+que)\s+|\s*,\s*)(?P<named>(?:la|les|le|l['’])\s*" + _BEFORE_HEAD
                   + r"(?P<head>" + HEADS + r")\b)", re.I)
#: What introduces an agreement's parties in its words: "avec", "entre", "au profit de".
_PARTIES = re.compile(r"\b(?:avec|entre|au\s+profit\s+d)", re.I)
#: The passive that names the agreement first, at the start of an item: "2- Les conventions d'application
#: afférentes, établies entre la Ville et les associations précitées, sont approuvées."
_APPROVED = re.compile(r"^[ \t]*(?:article\s+\w+\s*[:.–-]?\s*|\d{1,2}\s*[-°.)/]+\s*|[-–—•*]\s*)?"
                       r"(?P<lead>la|les|le|l['’])\s*" + _BEFORE_HEAD + r"(?P<head>" + HEADS + r")\b"
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
                          + _BEFORE_HEAD + r"(?P<head>" + HEADS + r")\b", re.I)
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
_NAMED_BEFORE = re.compile(r"\b(?:la|les|le|l['’]|une?|des|de|d['’])\s*" + _BEFORE_HEAD + r"(?P<head>" + HEADS
                           + r")\b", re.I)
_MAX_CLAUSE = 400


def _clause_end(body: str, start: int) -> int:
    """Where the clause that starts at ``start`` ends (at most :data:`_MAX_CLAUSE` characters on)."""
    end = _CLAUSE_END.search(body, start, min(len(body), start + _MAX_CLAUSE))
    at = end.start() if end else min(len(body), start + _MAX_CLAUSE)
    return start + len(body[start:at].rstrip())


def _plural(head: str) -> bool:
    """Whether an agreement's head noun is plural ("conventions", "baux")."""
    return head.lower().endswith(("s", "x"))


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
    keys = [name_key(read_title(words)) for _, words in named]
    matched = [[a for a in before if name_key(a.title).startswith(key) or key.startswith(name_key(a.title))]
               for key in keys]
    others = [a for a in before if not any(a in its for its in matched)]
    return [its or (others if rank == 0 or (head.group("det") or "").lower() in _BACK | {"la", "le", "l'", "l’"}
                    and not _PARTIES.search(words) or ITSELF_ONLY.fullmatch(read_title(words)) else None)
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
    theirs = _party_words(read_title(words))
    if not theirs or (head.group("det") or "").lower() in _BACK:
        return False
    key = name_key(read_title(words))
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
    found = _approved(body, approvals, start)
    signings = sorted([*_SIGNS.finditer(body, start), *_SIGNS_PASSIVE.finditer(body, start)], key=re.Match.start)
    # "le Maire est chargé de signer la convention" is signed, not a decision to sign
    agreements = [a for a in found.values() if not any(s.start() <= a.span[0] < s.end() for s in signings)]
    for match in signings:
        _read_signing(body, start, match, agreements)
    return agreements


def _approved(body: str, approvals: list[tuple[re.Match, tuple[int, int], int]],
              start: int) -> dict[str, AgreementFound]:
    """The agreements that the approving clauses ``approvals`` name from ``start`` on, by their title's key: each
    one's span from its clause's verb for the first, to the verb of "… sont approuvées" for the last."""
    found: dict[str, AgreementFound] = {}
    for match, span, end in approvals:
        if span[0] < start:
            continue
        parts = _parts(body, match.start("head"), match.group("head"), end)
        for rank, (left, right, noun, words) in enumerate(parts):
            title = read_title(words)
            key = name_key(title)
            if key not in found:  # the first from the clause's verb, the last to the verb of "… sont approuvées"
                found[key] = AgreementFound(title, (left if rank else span[0], span[1] if rank == len(parts) - 1
                                                    else right), _plural(noun), words=[words], clause=span)
    return found


def _read_signing(body: str, start: int, match: re.Match, agreements: list[AgreementFound]) -> None:
    """Give its signatory each agreement that the signing clause ``match`` signs (those approved before it that it
    names or points back at), ``agreements`` receiving those it names that none approves: one that its pronoun points
    back at in its sentence, one more named besides those approved ("… et les conventions à passer avec les autres
    bénéficiaires")."""
    end = _clause_end(body, match.end())
    rest = OTHER_PAPERS.sub("", body[match.end():end])  # "… ainsi que l'arrêté attributif au profit de A"
    who = re.sub(r"^au\b", "le", re.sub(r"\s+", " ", match.group("who")).strip(" ,"), flags=re.I)
    # in the text's order, though one that a signing clause adds ("… ainsi que la convention X") is listed last
    signed = sorted((a for a in agreements if a.span[0] < match.start()), key=lambda a: a.span[0])
    pronoun = match.group("pronoun") or match.groupdict().get("future")
    said = None  # what the clause says of each agreement it signs, when not ``rest``
    if pronoun and (before := _named_before(body, max(start, match.start() - _MAX_CLAUSE), match.start(),
                                            agreements)):  # "… à la signature de conventions …, et … à les signer"
        named, sentence = before
        title = read_title(body[named.start("head"):_clause_end(body, named.start("head"))])
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
        return  # "autorise le Président à signer tous documents": no agreement named
    else:  # "à signer ladite convention et les conventions à passer avec les autres bénéficiaires"
        referents = _referents(named, signed)
        new = {rank: AgreementFound(read_title(words), (match.start(), end), _plural(head.group("head")),
                                    words=[rest if len(named) == 1 else words])
               for rank, ((head, words), its) in enumerate(zip(named, referents)) if its is None}
        agreements.extend(new.values())
        # each one named is said only of those it is ("la convention de partenariat, … et le bail")
        said = [(agreement, rest if len(named) == 1 else words)
                for rank, ((_, words), its) in enumerate(zip(named, referents))
                for agreement in (its if its is not None else [new[rank]])]
    for agreement, words in said if said is not None else [(agreement, rest) for agreement in signed]:
        if agreement.signatory is None:
            agreement.signatory, agreement.signing_span = who, (match.start(), end)
            if agreement.span != (match.start(), end):
                agreement.words.append(words)
