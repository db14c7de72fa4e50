"""The budget accounts of a deliberation's grants: the imputation as printed and its nature account, and which
account goes to which grant — by article, beneficiary, kind of beneficiary, nature, name, amount, or the lead of the
list a grant is in.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from graph.ingest.french import AMOUNT_RE, fold, parse_amount


#: A grant's account, by its nature's first figures: operating (65…, and 67… for the exceptional grants of the M14
#: chart, "compte 6745"), investment (204…).
_ACCOUNT = r"(?:65|67|204)\d{0,4}"


# Each grant of a sentence of several asks for its sentence's account: read once (a sentence of 400 grants read 400
# times).
@lru_cache(maxsize=8)
def find_budget_account(body: str) -> tuple[str | None, str | None]:
    """Return the budget imputation as printed, when it says more than its nature account (a collectivity's own
    codes around it, a chapter of a vote by function: :func:`functional_imputation`), and its nature account
    ("SERV/65748/PROCE" → "65748", "chapitre 920, nature 6574, ligne de crédit 17566" → "6574").

    >>> find_budget_account("Nature 6574.1 - Fonction 411"), find_budget_account("chapitre 65, compte 6745")
    ((None, '6574'), (None, '6745'))
    >>> find_budget_account("Imputation : 204 - 20422"), find_budget_account("au titre de 2025 (imputation 65-6574)")
    ((None, '20422'), (None, '6574'))
    >>> find_budget_account("imputées au budget principal 2025, comptes 6281 (cotisation) et 6574 (subventions)")
    (None, '6574')
    >>> find_budget_account("Crédits inscrits au chapitre 920, nature 6574, ligne de crédit 17566")
    ('chapitre 920, nature 6574, ligne de crédit 17566', '6574')
    """
    match = re.search(r"\bcompte\s+(?P<acc>[A-Z0-9]+(?:/[A-Z0-9]+)+)", body)
    if match:
        nature = re.search(r"\b(?:6|2)\d{2,5}\b", match.group("acc"))
        return match.group("acc"), nature.group(0) if nature else None
    nature = _nature_account(body)
    return functional_imputation(body, nature) if nature else None, nature


#: An imputation by function: its chapter, of a budget voted by function (90x–93x, "919-93" with its
#: sub-function), then its nature account, and the function, credit line or programme written after it: "chapitre
#: 920, nature 6574, ligne de crédit 17566", "chapitre 934, fonction 41, article 6574".
_FUNCTIONAL_IMPUTATION = re.compile(rf"\bchapitre\s+9\d{{2}}(?:-\d{{2}})?\s*,\s*(?:fonction\s+\d+\s*,\s*)?"
                                    rf"(?:nature|article|compte)\s+(?P<n>{_ACCOUNT})\b"
                                    r"(?:\s*,\s*(?:fonction\s+\d+|lignes?\s+de\s+crédits?\s+\d+|"
                                    r"programme\s+[\w-]+)\b)*", re.I)


def functional_imputation(body: str, nature: str) -> str | None:
    """The imputation of account ``nature`` as ``body`` prints it, when its chapter is one of a budget voted by
    function (:data:`_FUNCTIONAL_IMPUTATION`: the M14, M52 and M71 charts' 90x–93x, and the M57's voted so). Such a
    chapter is not the account's first figures, as the chapter of "chapitre 65, article 6574" is: a careful reader
    keeps it with the account, as the text wrote them.

    >>> functional_imputation("Crédits inscrits au chapitre 920, nature 6574, ligne de crédit 17566\\n", "6574")
    'chapitre 920, nature 6574, ligne de crédit 17566'
    >>> functional_imputation("imputée au chapitre 65, article 6574, fonction 510", "6574") is None
    True
    """
    match = next((m for m in _FUNCTIONAL_IMPUTATION.finditer(body) if m["n"] == nature), None)
    return " ".join(match.group(0).split()) if match else None


def _nature_account(body: str) -> str | None:
    """The nature account that ``body`` names for its grants (see :func:`find_budget_account`)."""
    # "Nature 6574.1": the account and its sub-article
    match = re.search(r"\bnature\s+(?P<n>(?:65|204)\d{1,4})\b", body, re.I)
    if match:
        return match.group("n")
    match = re.search(rf"\b(?:compte|article)\s+(?P<n>{_ACCOUNT})\b", body, re.I)  # "ARTICLE 6574" too
    if match:
        return match.group("n")
    # "comptes 6281 (cotisation) et 6574 (subventions)": of the accounts listed, the one its bracket says the grants'
    match = re.search(rf"\b(?P<n>{_ACCOUNT})\s*\(\s*(?:pour\s+)?(?:les\s+)?subventions?\b", body, re.I)
    if match:
        return match.group("n")
    # "c/6574", "imputation 65-6574-025" (chapter, nature, function), "Imputation : 204 - 20422", "imputation
    # 65-6574" (chapter, nature)
    match = re.search(r"\bc/\s*(?P<n>(?:65|204)\d{0,4})\b|\b65-(?P<n2>65\d{1,4})-\d{2,3}\b|"
                      r"\bimputation\s*:?\s*(?:\d{2,3}\s*[-–]\s*)?(?P<n3>(?:65|204)\d{1,4})\b", body, re.I)
    return (match.group("n") or match.group("n2") or match.group("n3")) if match else None


#: "compte 6745 pour l'article 1": the account of the grants that an article decides.
#: "articles 6574 (articles 1 et 2) et 20421 (article 3)": the same, the articles in brackets after the account.
_ARTICLE_ACCOUNT = re.compile(rf"\b(?:comptes?|articles?|nature|imputation)\s+(?P<n>{_ACCOUNT})\s+(?:pour|à)\s+"
                              r"(?:l['’]article\s+|les\s+articles\s+)(?P<a>\d+(?:(?:\s*,\s*|\s+et\s+)\d+\b)*)|"
                              rf"\b(?P<n2>{_ACCOUNT})\s*\(\s*(?:l['’])?articles?\s+"
                              r"(?P<a2>\d+(?:(?:\s*,\s*|\s+et\s+)\d+\b)*)\s*\)", re.I)
_ARTICLE = re.compile(r"^[ \t]*(?:ARTICLE|Article)\s+(?P<a>\d+)(?:er)?\b", re.M)


def accounts_by_article(body: str) -> dict[str, str]:
    """The accounts that ``body`` names for the grants of each of its articles.

    >>> accounts_by_article("ARTICLE 3 : compte 6745 pour les articles 1 et 2, compte 6574 pour l'article 3.")
    {'1': '6745', '2': '6745', '3': '6574'}
    >>> accounts_by_article("imputées aux articles 6574 (articles 1 et 2) et 20421 (article 3) du budget 2025")
    {'1': '6574', '2': '6574', '3': '20421'}
    """
    return {article: m["n"] or m["n2"] for m in _ARTICLE_ACCOUNT.finditer(body)
            for article in re.findall(r"\d+", m["a"] or m["a2"])}


# The grants of one sentence ask for its article each, with the sentence's span: read once (each read went through
# the text up to the sentence: a sentence of 400 grants read it 400 times).
@lru_cache(maxsize=8)
def article_at(body: str, offset: int, end: int | None = None) -> str | None:
    """The number of the article whose text holds ``offset`` ("ARTICLE 2 : …" at a line's start, that line's
    offsets included), or None; of a sentence from ``offset`` to ``end``, the first article that opens in it (the
    sentence may begin on the line above: "… après en avoir délibéré,\\nARTICLE 1 : accorde …").

    >>> body = "Le Conseil, après en avoir délibéré,\\nARTICLE 1 : accorde 500 € au Club ;\\nARTICLE 2 : dit …"
    >>> article_at(body, 0, body.index(";")), article_at(body, 0), article_at(body, body.index("dit"))
    ('1', None, '2')
    """
    line_start = body.rfind("\n", 0, offset) + 1
    if end is not None and (first := _ARTICLE.search(body, line_start, end)) is not None:
        return first["a"]
    found, line_end = None, body.find("\n", offset)
    for match in _ARTICLE.finditer(body, 0, line_end if line_end >= 0 else len(body)):
        found = match["a"]
    return found


#: An account named for a kind of beneficiary: "204142 (subventions aux communes)", "204152 pour les EPCI",
#: "6574 (associations) et 657341 (commune)".
#: "204142 pour les collectivités et 20422 pour les personnes de droit privé", "65734 (CCAS)" too.
_KIND_OF_BENEFICIARY = re.compile(rf"\b(?P<n>{_ACCOUNT})\s*(?:\(\s*(?:subventions?\s+)?(?:(?:aux|à\s+la|les)\s+)?|"
                                  r"pour\s+(?:aux|les)\s+)"
                                  r"(?P<k>communes?|EPCI|associations?|groupements?|organismes?\s+priv[ée]s?|"
                                  r"collectivit[ée]s(?:\s+territoriales)?|"
                                  r"personnes?\s+(?:morales\s+)?de\s+droit\s+priv[ée]|CCAS|CIAS)\b", re.I)
#: The kind of beneficiary a name says: a social action centre, a commune, an intercommunal body, else a private body.
_KINDS = (("ccas", re.compile(r"(?:ccas|cias|centre (?:communal|intercommunal) d'action sociale)\b")),
          ("commune", re.compile(r"(?:commune|ville|mairie)\b")),
          ("epci", re.compile(r"(?:communaute|metropole|syndicat|pole d'equilibre|petr|epci|groupement)\b")))


def accounts_by_beneficiary(body: str) -> dict[str, str]:
    """The accounts that ``body`` names for each kind of beneficiary: communes, EPCI, associations.

    >>> accounts_by_beneficiary("aux comptes 204142 (subventions aux communes) et 6574 (subventions aux associations)")
    {'commune': '204142', 'association': '6574'}
    >>> accounts_by_beneficiary("imputées à l'article 6574 (associations) et 657341 (commune)")
    {'association': '6574', 'commune': '657341'}
    >>> accounts_by_beneficiary("article 204142 pour les collectivités et 20422 pour les personnes de droit privé")
    {'commune': '204142', 'epci': '204142', 'association': '20422'}
    >>> accounts_by_beneficiary("chapitre 65, article 65734 (CCAS) et article 6574 (associations)")
    {'ccas': '65734', 'association': '6574'}
    """
    found: dict[str, str] = {}
    for match in _KIND_OF_BENEFICIARY.finditer(body):
        kind = fold(match["k"])
        kinds = ("commune",) if kind.startswith("commune") else ("epci",) if kind.startswith(("epci", "groupement")) \
            else ("commune", "epci") if kind.startswith("collectivit") else ("ccas",) if kind in ("ccas", "cias") \
            else ("association",)
        for one in kinds:
            found.setdefault(one, match["n"])
    return found


def beneficiary_kind(name: str) -> str:
    """"commune", "epci" or "association" (any other beneficiary, a private one), by the words a name opens with."""
    folded = fold(name)
    return next((kind for kind, pattern in _KINDS if pattern.match(folded)), "association")


#: An account named for its kind of spending: "compte 6574", "article 204142", "204182 pour l'investissement".
_KIND_ACCOUNT = re.compile(r"(?:\b(?:comptes?|articles?|nature)\s+|\bc/\s*)(?P<n>(?:65|204)\d{0,4})\b|"
                           r"\b(?P<m>(?:65|204)\d{1,4})\s+pour\s+(?:le\s+|l['’])?(?:fonctionnement|investissement)",
                           re.I)


def accounts_by_nature(body: str) -> dict[str, str]:
    """The nature accounts that ``body`` names for operating grants (65…) and for investment grants (204…), the first
    of each: "les dépenses de fonctionnement sur le compte 6574 et les dépenses d'investissement sur le compte
    204142".

    >>> accounts_by_nature("6574 pour le fonctionnement ; imputation au compte 204182 pour l'investissement, c/6574")
    {'operating': '6574', 'investment': '204182'}
    """
    found: dict[str, str] = {}
    for match in _KIND_ACCOUNT.finditer(body):
        account = match["n"] or match["m"]
        found.setdefault("operating" if account.startswith("65") else "investment", account)
    return found


#: An account named for one beneficiary, by its name or acronym: "sauf pour le FSE (compte 6574)", "pour
#: l'association X : article 6574".
_NAMED_ACCOUNT = re.compile(rf"\bpour\s+(?:le\s+|la\s+|les\s+|l['’])(?P<who>[A-ZÉÈ][\w'’-]*(?:\s+[\w'’-]+){{0,5}}?)"
                            rf"\s*(?:\(\s*|:\s*|,\s*)(?:comptes?|articles?|imputation|c/)\s*(?P<n>{_ACCOUNT})\b")


#: An account named for one grant in a sentence of its own, the others' named after it: "(l'aide à la SCIC X est
#: une subvention d'investissement, imputée au chapitre 909, nature 20422 ; les deux autres sont … 6574)".
_ONE_GRANTS_ACCOUNT = re.compile(rf"\b(?:l['’]aide|la\s+subvention|la\s+participation)\s+(?:à\s+|au\s+|aux\s+)"
                                 rf"(?:la\s+|le\s+|les\s+|l['’])?"
                                 rf"(?P<who>[A-ZÉÈ][\w'’-]*(?:\s+[\w'’-]+){{0,5}}?)"
                                 rf"\s+est\s+[^;.()]{{0,120}}?\b(?:nature|comptes?|articles?|imputation)\s+"
                                 rf"(?P<n>{_ACCOUNT})\b")


def accounts_by_name(body: str) -> dict[str, str]:
    """The accounts that ``body`` names for one beneficiary each, by the words that name it (folded).

    >>> accounts_by_name("imputée au compte 65738 du budget 2025, sauf pour le FSE (compte 6574).")
    {'fse': '6574'}
    >>> accounts_by_name("(l'aide à la SCIC Bêta est une subvention d'investissement, nature 20422 ; les autres …")
    {'scic beta': '20422'}
    """
    return {fold(m["who"]): m["n"] for pattern in (_NAMED_ACCOUNT, _ONE_GRANTS_ACCOUNT) for m in pattern.finditer(body)}


def one_grants_accounts(body: str) -> list[tuple[int, int]]:
    """Where ``body`` names an account for one grant in a sentence of its own (:data:`_ONE_GRANTS_ACCOUNT`): no
    account of the other grants.

    >>> one_grants_accounts("(l'aide au PTCE X est imputée nature 20422 ; les autres, nature 6574)")
    [(1, 42)]
    """
    return [m.span() for m in _ONE_GRANTS_ACCOUNT.finditer(body)]


def named_account(accounts: dict[str, str], beneficiary: str) -> str | None:
    """The account of :func:`accounts_by_name` whose words ("fse") are among those of ``beneficiary``'s name."""
    name = fold(beneficiary)
    return next((n for who, n in accounts.items() if re.search(rf"(?<!\w){re.escape(who)}(?!\w)", name)), None)


#: A row of a budget table (a décision modificative's): chapter, nature account, function, label, signed amount:
#: " 65     6574     40        Subv. fonct. aux associations (Basket Club)     + 3 500,00", or the chapter and the
#: account parted by a slash: "  65 / 657362 – Subvention au CCAS      + 14 000,00 €".
_BUDGET_ROW = re.compile(rf"^[ \t]*\d{{2,3}}(?:[ \t]+|[ \t]*/[ \t]*)(?P<n>{_ACCOUNT})[ \t]+\S.*?[ \t]"
                         r"(?P<sign>[+-]?)[ \t]*(?P<amount>\d{1,3}(?:[ \u00a0\u202f.]\d{3})*(?:,\d{2})?)"
                         r"[ \t]*(?:€|euros?)?[ \t]*$", re.M)


def accounts_by_amount(body: str) -> dict[Decimal, str]:
    """The grant accounts of a budget table's rows (a décision modificative's credits), by the amount each row adds:
    the grant of that amount is charged to that account. An amount on rows of two accounts gives none.

    >>> accounts_by_amount(" Chap.  Article  Fonction  Libellé       Montant\\n"
    ...                    " 65     6574     40        Subv. (Club)   + 3 500,00\\n"
    ...                    " 65     65548    020       Contributions  + 8 740,00\\n")
    {Decimal('3500.00'): '6574', Decimal('8740.00'): '65548'}
    """
    found: dict[Decimal, set[str]] = {}
    for match in _BUDGET_ROW.finditer(body):
        if match["sign"] != "-":
            found.setdefault(parse_amount(match["amount"]), set()).add(match["n"])
    return {amount: accounts.pop() for amount, accounts in found.items() if len(accounts) == 1}


#: A line of a list or a table below its lead: an item (a bullet, a number and its bracket), a row (cells apart by
#: a bar or by wide spaces, its name and dot leaders), a rule, a line that ends with its amount.
_LISTED_LINE = re.compile(r"(?:[ \t]*(?:[-–—•*▪►●○◦|]|\d{1,2}\s?[).°])|"
                          r".*\S(?:[ \t]{3,}|[ \t]*\.{3,}|[ \t]*…+)\S).*|"
                          r"[\s=_+|-]*|.*(?:" + AMOUNT_RE.pattern + r")[ \t;.,]*", re.I)


def lead_above(body: str, at: int) -> str:
    """The lead of the list or table whose item or row opens the line of offset ``at``: the sentence ending with a
    colon above the list's other items and the table's head and rows, or "" when prose comes between.

    >>> text = "Aides à la mobilité (compte 6714,\\nbourses et prix) :\\n  - Mme A : 800 EUR ;\\n  - M. B : 600 EUR."
    >>> lead_above(text, text.index("M. B"))
    'Aides à la mobilité (compte 6714,\\nbourses et prix) :'
    >>> lead_above("Vote : unanimité.\\nARTICLE 2 – ACCORDE à X une bourse de 2 400 €.", 18)
    ''
    """
    lines = body[:body.rfind("\n", 0, at) + 1].split("\n")[:-1]
    for i in range(len(lines) - 1, max(-1, len(lines) - 80), -1):
        if not lines[i].rstrip().endswith(":"):  # (a lead may be an item itself: "2. ATTRIBUE des bourses … :")
            if _LISTED_LINE.fullmatch(lines[i]):
                continue
            return ""
        first = i  # the lead's sentence, from the line after a blank one or after one ending its own sentence
        while first > 0 and lines[first - 1].strip() and not lines[first - 1].rstrip().endswith((".", ";", ":")):
            first -= 1
        return "\n".join(lines[first:i + 1])
    return ""


#: A grant that is a bursary, by the words of its sentence or its list's lead: "une bourse d'études", "des bourses".
_BURSARY = re.compile(r"\bbourses?\b", re.I)
#: The account of bursaries: M57's 6513 "Bourses, prix et secours" (65131 "Bourses"), M14's 6714 "Bourses et prix".
_BURSARY_ACCOUNT = re.compile(r"(?<![\d,.])(?P<n>6513\d?|6714)\b(?![.,]\d|[ \t\u00a0]*(?:€|euros?\b|EUR\b))", re.I)


@lru_cache(maxsize=8)  # each grant of a sentence of several asks the same
def bursary_account(body: str, said: str) -> str | None:
    """The account that ``body`` names for bursaries (:data:`_BURSARY_ACCOUNT`), when ``said`` (a grant's sentence
    and its list's lead) tells of a bursary.

    >>> body = "compte 6574 pour les aides à l'installation et compte 6513 (bourses) pour les bourses d'études"
    >>> bursary_account(body, "des bourses d'études aux internes :"), bursary_account(body, "une aide de 20 000 €")
    ('6513', None)
    """
    match = _BURSARY_ACCOUNT.search(body) if _BURSARY.search(said) else None
    return match["n"] if match else None
