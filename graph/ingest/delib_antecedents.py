"""Whom a grant's sentence means when it names no beneficiary: the body that the sentence before says asks for a
grant ("Le Conseil de fabrique … sollicite une participation …" then "Le Maire propose une subvention …"), the one
a pronoun stands for ("il est proposé de lui attribuer 600 €", "l'aide … lui est attribuée": a requester or a
person who is the subject before it), the one of the grant whose amount a clause of its own sets ("d'attribuer une
subvention à X ; le montant de la subvention est fixé à 8 000 €"), or an earlier beneficiary named again by its kind
alone ("du club").

Apart from :mod:`delib_grants` because it reads the sentences around a grant's, not the grant's own: the prose
reader calls it only when the amount's sentence names no one.

>>> antecedent("Le Dr Paul-Henri DESSAIGNE s'installe à Arlanc. ")
'Paul-Henri DESSAIGNE'
"""

from __future__ import annotations

import re

from graph.identity_names import name_key
from graph.ingest.delib_grant_words import GRANT_VERB
from graph.ingest.delib_lists import BULLET
from graph.ingest.delib_names import parse_person
from graph.ingest.delib_recipient_names import KIND, clean_name
from graph.ingest.delib_recipient_phrases import ASSOCIATION_CALLED, beneficiary_in
from graph.ingest.french import AMOUNT_RE, fold

#: A sentence whose subject asks for a grant: "Le Conseil de fabrique de l'église Saint-Michel sollicite une
#: participation aux travaux …" — the beneficiary of the grant that the next sentence proposes without naming one
#: ("Le Maire propose une subvention …, soit 21 600 €"), not the authority's officers or bodies.
_REQUESTER = re.compile(r"\s*(?:" + BULLET + r"\s*)?(?:(?:[Ll]e|[Ll]a)\s+|[Ll]['’])?(?:[Aa]ssociation\s+(?=[A-ZÉÈ«]))?"
                        r"(?P<name>[^\n.;:,]{3,120}?)\s+"
                        r"(?:sollicite|sollicitent|demande|demandent|a\s+sollicité|ont\s+sollicité|a\s+demandé|"
                        r"a\s+déposé\s+une\s+demande)\b")
_NOT_SUBJECT = re.compile(r"(?:pour|dans|en|par|lors|après|ainsi|comme|cette|ce|cet|ces|depuis|suite|afin|au|aux|à|"
                          r"de|du|des|sa|son|ses|leurs?|chaque|une?|tout|toute|tous|toutes)\b", re.I)
_OFFICER = re.compile(r"(?:maire|président|vice|adjoint|rapporteur|conseil\s+(?:municipal|communautaire|"
                      r"départemental|régional|d['’]administration|de\s+communauté)|bureau|commission|il|elle)\b", re.I)


#: A grant given with a pronoun: "il est proposé de lui attribuer six cents euros (600 €)", "Une aide forfaitaire de
#: 15 000 € lui est attribuée", "Il est proposé de l'aider à hauteur de 50 % du coût du projet, soit 2 250 €" (its
#: rate before the grant) — its beneficiary is the one named before (:func:`antecedent`).
PRONOUN_BEFORE = re.compile(r"\blui\s+(?:(?:est|sont|sera|seront)\s+)?(?:attribu|allou|vers|accord|octroy)\w*"
                            r"[^.;:€\d]{0,40}$|\bde\s+l['’](?:aider|soutenir|accompagner)\b[^.;:€]{0,60}$", re.I)
PRONOUN_AFTER = re.compile(r"\s*(?:(?:HT|TTC)\s*)?(?:\)\s*)?lui\s+(?:est|sont|sera|seront)\s+"
                           r"(?:attribu|allou|vers|accord|octroy)\w*", re.I)
#: A natural person who is a sentence's subject, after a word that links it to the one before: "Le Dr Paul-Henri
#: DESSAIGNE s'installe à Arlanc.", "Enfin, le Dr X, chirurgien-dentiste, s'installe …".
_PERSON_SUBJECT = re.compile(r"\s*(?:" + BULLET + r"\s*)?(?:(?:Enfin|Ensuite|Par\s+ailleurs|De\s+plus|En\s+outre|"
                             r"Également|Aussi|Puis)\s*,\s*)?(?:[Ll]e\s+|[Ll]a\s+)?(?:M\.|Mme|Mlle|Monsieur|Madame|"
                             r"Docteure?|Dr\.?|Pr\.?|Professeure?)\s+"
                             r"(?P<name>[A-ZÉÈ][\w'’-]*(?:\s+[A-ZÉÈ][\w'’-]*){1,3})"
                             r"(?=\s+[a-zà-ÿ]|\s*[,(])")


#: What opens a sentence before its subject, or says more of the subject between commas: "Considérant que …",
#: "…, qui intervient dans les lycées, a sollicité …" — left out to find the subject.
_PREAMBLE = re.compile(r"^\s*(?:(?:Considérant|Attendu|Vu)\s+qu(?:e\s+|['’])"
                       # a circumstance before the subject: "Dans le cadre du contrat local de santé, l'association …"
                       r"|(?:Dans\s+le\s+cadre\s+d(?:[eu]s?\s+|e\s+l['’]|['’])[^,;:.]{1,80}|Depuis\s+[^,;:.]{1,40}"
                       r"|En\s+(?:19|20)\d\d)\s*,\s*)", re.I)
_SUBJECT_ASIDE = re.compile(r"\s*,\s*(?:qui|dont|où|lequel|laquelle|lesquels|lesquelles)\b[^,;:]*,", re.I)
#: An organisation that is a sentence's subject, then its verb: "Considérant que l'association Les Maisons de Santé du
#: Ponant (MSPonant) coordonne …", "L'Union Cycliste des Calanques organise …" — the name ends at its bracket when
#: it has one ("l'association Vivre avec un cancer (VCPB) porte …"), else before the first word in small letters that
#: is no little word of a name.
_NAME_WORD = r"(?:de|du|des|d['’]|et|en|sur|sous|à|au|aux|la|le|les|l['’]|pour|contre)"
_ORGANISATION_SUBJECT = re.compile(
    r"\s*(?:" + BULLET + r"\s*)?(?:(?:Enfin|Ensuite|Par\s+ailleurs|De\s+plus|En\s+outre|Également)\s*,\s*)?"
    r"(?:[Ll]['’]association\s+|[Ll]e\s+|[Ll]a\s+|[Ll]es\s+|[Ll]['’](?=[A-ZÉÈ]))"
    r"(?:(?P<bracketed>[A-ZÉÈÀ«\"][^;:,.()]*?\s*\([^()]+\))|(?P<name>[A-ZÉÈÀ«\"][^;:,.()]*?))"
    r"\s+(?!" + _NAME_WORD + r"\b)[a-zà-ÿ]+(?:\s|$)")


#: A body's branch that is a sentence's subject, in small letters before the body's name, then its verb: "La section
#: locale de la Croix-Rouge française souhaite acquérir …" — the body (as "à la section locale de la Croix-Rouge" is,
#: :func:`graph.ingest.delib_bare_names.branch_before`). Its name may end in small letters ("française"): the verb is
#: the last word in small letters before what a verb takes, an infinitive or an article.
_BRANCH_SUBJECT = re.compile(
    r"\s*(?:" + BULLET + r"\s*)?(?:[Ll]a\s+|[Ll]e\s+|[Ll]['’])(?:antennes?|sections?|d[ée]l[ée]gations?|unit[ée]s?|"
    r"branches?|comit[ée]s?)(?:\s+(?!(?:de|des|du|la|le|les)\b)[a-zà-ÿ-]+){0,2}"
    r"\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+)"
    r"(?P<name>[A-ZÉÈÀ«\"][^;:,.()]*?)\s+(?!" + _NAME_WORD + r"\b)[a-zà-ÿ]+\s+"
    r"(?=(?:une?|les?|la|l['’]|des|du|son|sa|ses|leurs?|[a-zà-ÿ]+(?:er|ir|re|oir))\b)")


def antecedent(text: str) -> str | None:
    """Whom a pronoun ("lui") after ``text`` refers to: the body that ``text`` (or its part after a heading's colon,
    "2. Aide à l'installation : le Dr X … s'installe …") says asks for a grant, or the person or the organisation it
    opens with as its subject (a body's branch: the body, :data:`_BRANCH_SUBJECT`).

    >>> antecedent("Le Dr Paul-Henri DESSAIGNE s'installe à Arlanc. ")
    'Paul-Henri DESSAIGNE'
    >>> antecedent("- l'Association des Parents d'Élèves du RPI sollicite une aide : il est proposé de ")
    "Association des Parents d'Élèves du RPI"
    >>> antecedent("Considérant que l'association Les Amis du Port (ADP) coordonne les maisons de santé ;")
    'Les Amis du Port (ADP)'
    >>> antecedent("La section locale de la Croix-Rouge française souhaite acquérir un défibrillateur. ")
    'Croix-Rouge française'
    """
    text = _SUBJECT_ASIDE.sub("", _PREAMBLE.sub("", text))
    for part in (text, *text.split(":")[1:]):
        if name := requester_of(part):
            return name
        match = _PERSON_SUBJECT.match(part)
        person = parse_person(match.group("name")) if match else None
        if person and person.given:
            return person.label
    if branch := _BRANCH_SUBJECT.match(text):
        return clean_name(branch.group("name"))
    organisation = _ORGANISATION_SUBJECT.match(text)
    name = organisation and (organisation.group("bracketed") or organisation.group("name"))
    # Not the authority nor its officers ("La Métropole met …", "Le Président propose …"): a name of one word; nor
    # a subject when the text names another body after it, that "lui" may stand for as well ("Le Club Nautique a la
    # présidence de l'office ; une subvention lui est attribuée").
    if not name or len(name.split()) < 2 or _OFFICER.match(name) or _ANOTHER_BODY.search(text, organisation.end()):
        return None
    return clean_name(name)


#: A body named by its kind, one only: "de l'office", "au comité", "la commune de X".
_ANOTHER_BODY = re.compile(r"\b(?:du|au|le|la|l['’]|de\s+la|à\s+la|de\s+l['’]|à\s+l['’])\s*"
                           r"(?:association|commune|ville|structure|société|" + KIND + r")\b", re.I)


def requester_of(sentence: str) -> str | None:
    """The body that ``sentence`` says asks for a grant, its article left out.

    >>> requester_of("Le Conseil de fabrique de l'église Saint-Michel sollicite une participation aux travaux.")
    "Conseil de fabrique de l'église Saint-Michel"
    >>> requester_of("L'association Les Amis du Vélo sollicite une aide."), requester_of("Le Maire demande un vote.")
    ('Les Amis du Vélo', None)
    """
    match = _REQUESTER.match(sentence)
    # Not a name of one word ("Le Comité sollicite", "La SISA sollicite": a name said in full before), nor words
    # before the subject ("Pour cette édition l'association sollicite …").
    if not match or _OFFICER.match(match.group("name")) or len(match.group("name").split()) < 2 \
            or _NOT_SUBJECT.match(match.group("name")):
        return None
    name = match.group("name")
    return clean_name(name[0].upper() + name[1:])


#: A clause that sets the amount of "the" grant, up to that amount: "le montant de la subvention est fixé à", "son
#: montant est arrêté à".
_AMOUNT_OF_THE_GRANT = re.compile(r"\s*(?:et\s+)?(?:le\s+montant\s+"
                                  r"(?:de\s+la|de\s+cette|de\s+ladite|de\s+l['’]|du|de\s+ce)\s*(?:subvention|aide|participation|contribution|dotation|allocation|soutien)"
                                  r"(?:\s+(?:financière|exceptionnelle|de\s+fonctionnement|d['’]investissement))?"
                                  r"|son\s+montant)\s+(?:est|sera)\s+(?:fix|arr[êe]t|d[ée]termin)[ée]e?\s+à\s*", re.I)


def granted_with_amount_after(clause: str, before: str) -> str | None:
    """The beneficiary of the grant that ``before`` (the clause or sentence before) gives with no amount, when
    ``clause``, up to an amount, sets the amount of "the" grant: "- d'attribuer une subvention d'investissement à
    l'association X pour … ; le montant de la subvention est fixé à 8 000 €" — one grant, said in two clauses.

    >>> granted_with_amount_after(" le montant de la subvention est fixé à ",
    ...                           "- d'attribuer une subvention à l'association SOS Médecins Forez pour le local ;")
    'SOS Médecins Forez'
    >>> granted_with_amount_after(" le montant de la subvention est fixé à ",
    ...                           "L'association SOS Médecins Forez sollicite une subvention.") is None
    True
    """
    if not _AMOUNT_OF_THE_GRANT.fullmatch(clause) or not GRANT_VERB.search(before) or AMOUNT_RE.search(before):
        return None
    return beneficiary_in(before, len(before.rstrip()))


#: A beneficiary named again by its kind alone, in small letters: "à la disposition du club le chalet communal",
#: "au comité", "de l'association" (not "du club de voile", "de l'association Les Amis", a name of its own).
_BY_KIND = re.compile(r"\b(?:du|au|le|la|l['’]|de\s+la|à\s+la|de\s+l['’]|à\s+l['’]|ce|cet|cette)\s*"
                      r"(?P<kind>association|commune|ville|structure|société|" + KIND + r")\b"
                      r"(?!\s+(?:d(?:e|es|u)\b|d['’]|[A-ZÉÈÀ«\"])|-)")


def named_by_kind(text: str, beneficiaries: list[str]) -> str | None:
    """The beneficiary of an earlier grant (one of ``beneficiaries``) that ``text`` names again by its kind alone
    ("… à la disposition du club …, valorisé à 650 €" after a grant to the Ski-Club Haute-Maurienne), when one only
    has that kind in its name.

    >>> named_by_kind("met à la disposition du club le chalet ; cet avantage est valorisé à ",
    ...                ["Ski-Club Haute-Maurienne"])
    'Ski-Club Haute-Maurienne'
    """
    kinds = {fold(m.group("kind")) for m in _BY_KIND.finditer(text)}
    named = {name for name in beneficiaries if kinds & set(name_key(name).split())}
    return named.pop() if len(kinds) == 1 and len(named) == 1 else None


#: A beneficiary named again as "the same" one, or "the said" one: "à la même association", "au même club",
#: "à ladite association", "audit club".
_THE_SAME = re.compile(r"\b(?:(?:la|le|l['’]|au|du)\s+(?:m[êe]me|susdite?)|(?:cette|ce|cet)\s+m[êe]me"
                       r"|ladite|ledit|audit|de\s+ladite|à\s+ladite)\s+(?:association|structure|" + KIND + r")\b", re.I)


def the_same(text: str, beneficiaries: list[str]) -> str | None:
    """The beneficiary of the grant read last (the last of ``beneficiaries``) when ``text`` names it again as the
    same one ("d'accorder à la même association une aide en nature, valorisée à 1 200 €").

    >>> the_same("d'accorder à la même association une aide en nature, valorisée à ", ["Club A", "Amand Écoute"])
    'Amand Écoute'
    >>> the_same("d'accorder à la même association une aide", []) is None
    True
    """
    return beneficiaries[-1] if beneficiaries and _THE_SAME.search(text) else None


#: An association named again as "this one": "à cette association", "à ladite association", "l'association
#: précitée", or "à l'association" with no name after it, the grant's words (an article in small letters) or the
#: clause's end right after it ("ATTRIBUE à l'association une subvention de …") — the one the text named last before
#: it.
_THIS_ASSOCIATION = re.compile(r"\b(?:(?:cette|ladite)\s+association|l['’]association\s+(?:précitée|susvisée|"
                               r"susmentionnée|susnommée|concernée))\b|"
                               r"\bà\s+l['’]association(?=\s*(?:[,;.:]|$)|\s+(?:une?|la|le|les|sa|son|ses|leur|"
                               r"leurs)\s+[a-zà-ÿ])", re.I)


def this_association(before: str, clause: str) -> str | None:
    """The association that ``clause`` names again as "this one" (:data:`_THIS_ASSOCIATION`): the last one that
    ``before`` names.

    >>> this_association("Vu la demande de l'association Les Amis de la Maternité, ", "à cette association ")
    'Les Amis de la Maternité'
    """
    if not _THIS_ASSOCIATION.search(clause):
        return None
    named = [m.group("name") for m in ASSOCIATION_CALLED.finditer(re.sub(r"\bL(?=['’]association\b)", "l", before))]
    # the name up to its verb: "L'association Les Amis de la Maternité sollicite une aide"
    return clean_name(_VERB_AFTER_NAME.split(named[-1], maxsplit=1)[0]) if named else None


#: The first word in small letters after a name that is no little word of a name: its verb.
_VERB_AFTER_NAME = re.compile(r"\s+(?!" + _NAME_WORD + r"\b)(?=[a-zà-ÿ]{2,}\b)")

