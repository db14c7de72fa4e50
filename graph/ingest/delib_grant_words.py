"""The words that say a grant and its nature, shared by all the readers of a deliberation's grants.

Apart from :mod:`delib_grants` so that the readers of tables, of blocks and of a beneficiary's name use them without
importing the prose reader (which imports several of them).

>>> bool(_GRANT_WORD.search("une participation financière de 2 000 €")), bool(_GRANT_VERB.search("attribuee"))
(True, True)
>>> NATURE_CODES["I"], _NATURE_WORDS["equipement"]
('investment', 'investment')
"""

from __future__ import annotations

import re

NATURE_CODES = {"F": "operating", "I": "investment", "P": "project", "M": "in-kind"}
_NATURE_WORDS = {"fonctionnement": "operating", "investissement": "investment", "equipement": "investment",
                 "projet": "project", "manifestation": "project", "evenement": "project", "action": "project",
                 "exceptionnelle": "project", "nature": "in-kind", "mise a disposition": "in-kind",
                 "materiel": "in-kind"}

_GRANT_WORD = re.compile(r"subventions?|participation\s+financière|aide\s+financière|contribution\s+financière|"
                         r"fonds\s+de\s+concours|soutien\s+financier|dotation|allocation|"
                         r"\bbourses?\b(?!\s+(?:du\s+travail|aux(?!\s+(?:internes|étudiants|élèves|jeunes|apprentis|"
                         r"lycéens|doctorants|stagiaires|sportifs|artistes))|d['’]échange))", re.I)
#: Its endings with or without their accents: texts typed without them write "attribuee", "versees".
_GRANT_VERB = re.compile(r"\b(?:attribu|allou|vers|accord|octroy)(?:er|e|ent|é|ée|és|ées|ee|es|ees)\b", re.I)
