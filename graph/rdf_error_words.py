"""The RDF parsers' messages that :mod:`graph.parse_errors` tells in French first: for each, a pattern of the
engine's English text and the sentence that says what is wrong and what to write, in French and English — the
common cases of every format (Turtle's words), then those that a format words otherwise or alone gives.
"""

from __future__ import annotations

#: (pattern of the engine's RDF message, French, English); ``{0}``, ``{1}``… are the pattern's groups (braces doubled).
RDF_CASES = (
    (r"The prefix (\S*): has not been declared", "préfixe « {0}: » non déclaré", "undeclared prefix '{0}:'"),
    (r"Line jumps are not allowed in string literals",
     "chaîne non fermée : un guillemet manque avant la fin de la ligne",
     "unclosed string: a quote is missing before the end of the line"),
    (r"Unexpected end( of file)?",
     "le fichier s'arrête au milieu d'une instruction (un « . », un « ] » ou un guillemet manque ?)",
     "the file stops in the middle of a statement (a missing '.', ']' or quote?)"),
    (r"A dot is expected at the end of statements|Triples should be followed by a dot",
     "un « . » manque à la fin de l'instruction précédente",
     "a '.' is missing at the end of the previous statement"),
    (r"blank node property lists should end with a '\]'",
     "un « ] » manque pour fermer un nœud anonyme « [ … ] »",
     "a ']' is missing to close a blank node '[ … ]'"),
    (r"Invalid IRI code point", "caractère interdit dans une IRI (entre « < » et « > »)",
     "character not allowed in an IRI (between '<' and '>')"),
    (r"is not a valid predicate|The predicate of a triple must be an IRI",
     "le prédicat d'un triplet doit être une IRI",
     "a triple's predicate must be an IRI"),
    (r"Unexpected escape character", "caractère d'échappement inconnu (« \\ » suivi d'une lettre non prévue)",
     "unknown escape character ('\\' followed by an unexpected letter)"),
    (r"Invalid UTF-8", "le fichier n'est pas en UTF-8, l'encodage que RDF exige (enregistré en Windows-1252 ou "
     "Latin-1 ?) : enregistrez-le en UTF-8", "the file is not in UTF-8, the encoding RDF requires (saved as "
     "Windows-1252 or Latin-1?): save it as UTF-8"),
    (r"^(.+?) is not a valid (?:subject or graph name|RDF subject)$", "« {0} » ne peut pas commencer une instruction : "
     "un sujet (ou, en TriG, un nom de graphe) est une IRI (<…> ou préfixe:nom) ou un nœud anonyme (_:b, "
     "[ … ]) ; un signe en trop, ou un texte ou un nombre en tête ?", "'{0}' cannot start a statement: a subject "
     "(or, in TriG, a graph name) is an IRI (<…> or prefix:name) or a blank node (_:b, [ … ]); a sign too many, "
     "or a text or a number first?"),
    (r"The subject of a triple must be an IRI or a blank node", "le sujet d'un triplet (et le graphe d'un "
     "quadruplet) est une IRI <…> ou un nœud anonyme _:b, pas un texte ; en N-Triples et N-Quads, une instruction "
     "tient sur une ligne et un texte s'écrit entre guillemets simples \"…\"", "a triple's subject (and a quad's "
     "graph) is an IRI <…> or a blank node _:b, not a text; in N-Triples and N-Quads, a statement holds on one line "
     "and a text is written between single quotes \"…\""),
    (r"^(.+?) is not a valid RDF object$", "« {0} » ne peut pas être l'objet d'un triplet : un objet "
     "manque, ou il est mal écrit (une IRI, un nœud anonyme, un texte entre guillemets, un nombre, true ou "
     "false)", "'{0}' cannot be a triple's object: an object is missing, or miswritten (an IRI, a blank node, a "
     "text between quotes, a number, true or false)"),
    (r"Quads must be followed by a dot", "un « . » doit finir l'instruction, après son objet (et son graphe en "
     "N-Quads) : un « . » manque, ou un terme est de trop (un graphe dans un fichier N-Triples ?)", "a '.' must end "
     "the statement, after its object (and its graph in N-Quads): a '.' is missing, or a term is one too many (a "
     "graph in an N-Triples file?)"),
    (r"No scheme found in an absolute IRI", "IRI sans schéma (« http: », « urn: »…) là où une IRI complète est "
     "exigée (N-Triples et N-Quads n'admettent pas d'IRI relative)", "an IRI without a scheme ('http:', 'urn:'…) "
     "where a full IRI is required (N-Triples and N-Quads allow no relative IRI)"),
    (r"Expecting a datatype IRI after \^\^, found (.*)", "« ^^ » est suivi du type de données, une IRI (<…> ou "
     "xsd:…), pas de « {0} »", "'^^' is followed by the datatype, an IRI (<…> or xsd:…), not by '{0}'"),
    (r"The allowed base directions are --ltr and --rtl, found (\S*)", "étiquette de langue mal écrite : « {0} » "
     "n'est ni une sous-étiquette ni une direction (--ltr, --rtl) ; écrivez par exemple @fr ou @fr-FR",
     "miswritten language tag: '{0}' is neither a subtag nor a direction (--ltr, --rtl); write for example @fr or "
     "@fr-FR"),
    (r"A language code should always start with a letter", "une étiquette de langue commence par une lettre (@fr, "
     "@en-GB)", "a language tag starts with a letter (@fr, @en-GB)"),
    (r"escapes in IRIs should be % followed by two hexadecimal characters, found '(.*)'", "« % » dans une IRI est "
     "suivi de deux chiffres hexadécimaux (%20), pas de « {0} » ; écrivez « % » lui-même « %25 »", "'%' in an IRI "
     "is followed by two hexadecimal digits (%20), not by '{0}'; write '%' itself '%25'"),
    (r"The PREFIX (?:keyword|declaration) should be followed by a prefix",
     "@prefix est suivi d'un préfixe qui finit par « : », puis de son IRI : @prefix ex: <http://…/> .",
     "@prefix is followed by a prefix that ends with ':', then by its IRI: @prefix ex: <http://…/> ."),
    (r"The escape sequence '(.*)' is not a valid hexadecimal string", "séquence « {0} » invalide : « \\u » est "
     "suivi de 4 chiffres hexadécimaux, « \\U » de 8", "invalid sequence '{0}': '\\u' is followed by 4 hexadecimal "
     "digits, '\\U' by 8"),
    (r"'(.)' is not allowed at the beginning of a prefix name", "caractère « {0} » inattendu : rien ne commence "
     "par lui en Turtle (un texte s'écrit entre guillemets, une IRI entre « < » et « > »)", "unexpected character "
     "'{0}': nothing starts with it in Turtle (a text is written between quotes, an IRI between '<' and '>')"),
    (r"Unexpected character '(.)'", "caractère « {0} » inattendu à cet endroit (une étiquette de langue s'écrit "
     "avec « - » : @fr-FR)", "unexpected character '{0}' here (a language tag is written with '-': @fr-FR)"),
    (r"The BASE keyword should be followed by an IRI", "@base est suivi d'une IRI entre « < » et « > » : @base "
     "<http://…/> .", "@base is followed by an IRI between '<' and '>': @base <http://…/> ."),
    (r"A blank node ID cannot be empty", "« _: » est suivi du nom d'un nœud anonyme (_:b1), sans espace",
     "'_:' is followed by the name of a blank node (_:b1), without a space"),
    (r"The object of a triple must be an IRI, a blank node or a literal", "l'objet d'un triplet est une IRI <…>, un "
     "nœud anonyme _:b ou un texte entre guillemets \"…\" : un objet manque, ou il est mal écrit", "a triple's "
     "object is an IRI <…>, a blank node _:b or a text between quotes \"…\": an object is missing, or miswritten"),
    (r"line jumps are not allowed in the middle of triples", "fin de ligne au milieu d'une instruction : en "
     "N-Triples et N-Quads, une instruction tient sur une ligne et finit par « . »", "a line end in the middle of a "
     "statement: in N-Triples and N-Quads, a statement holds on one line and ends with '.'"),
    (r"Only a single triple or quad can be written in a line", "une seule instruction par ligne en N-Triples et "
     "N-Quads : une fin de ligne manque après le « . », ou un terme est de trop", "a single statement per line in "
     "N-Triples and N-Quads: a line end is missing after the '.', or a term is one too many"),
    (r"A '}' or a '\.' is expected at the end of a graph block", "un « }} » manque pour fermer le graphe "
     "« {{ … }} », ou un « . » entre deux de ses instructions", "a '}}' is missing to close the graph '{{ … }}', or "
     "a '.' between two of its statements"),
    (r"^'?(.+?)'? is not a valid prefix: prefixes are not allowed to end with '(.)'", "préfixe « {0} » mal écrit : un "
     "préfixe ne finit pas par « {1} »", "miswritten prefix '{0}': a prefix does not end with '{1}'"),
    (r"The character that are allowed to be escaped in IRIs are .*, found '(.)'$", "« \\{0} » dans un nom préfixé "
     "(ex:nom) : « \\ » n'y échappe que _~.-!$&'()*+,;=/?#@% ; retirez-le, ou écrivez l'IRI complète <…>",
     "'\\{0}' in a prefixed name (ex:name): '\\' escapes there only _~.-!$&'()*+,;=/?#@%; remove it, or write the "
     "full IRI <…>"),
    (r"The prefixed name (\S+) builds IRI (\S+) that is invalid", "le nom préfixé « {0} » donne l'IRI « {1} », "
     "mal formée : le préfixe est défini par une IRI incomplète ou mal écrite", "the prefixed name '{0}' makes the "
     "IRI '{1}', ill-formed: the prefix is defined by an incomplete or miswritten IRI"),
    (r"Invalid character '(.)' in host", "caractère « {0} » interdit dans le nom d'hôte d'une IRI (http://ex.org/…)",
     "character '{0}' not allowed in the host name of an IRI (http://ex.org/…)"),
    (r"Invalid character '(.)'", "IRI mal formée : caractère « {0} » inattendu à cet endroit de l'IRI (« http:// » "
     "mal écrit ?)", "ill-formed IRI: unexpected character '{0}' at this place of the IRI (a miswritten "
     "'http://'?)"),
    (r"A double exponent cannot be empty", "nombre mal écrit : « e » (l'exposant) est suivi de chiffres (1.5e3)",
     "miswritten number: 'e' (the exponent) is followed by digits (1.5e3)"),
    (r"An integer should not be empty", "signe « + » ou « - » sans chiffres : un nombre mal écrit, ou une étiquette "
     "de langue mal écrite (ses sous-étiquettes sont des lettres ou des chiffres : @en-GB)", "a '+' or '-' sign "
     "without digits: a miswritten number, or a miswritten language tag (its subtags are letters or digits: "
     "@en-GB)"),
    (r"Expecting '>>' to close a reified triple, found (.*)", "« >> » manque pour fermer le triplet cité « << … >> » "
     "(un sujet, un prédicat, un objet), pas « {0} »", "'>>' is missing to close the quoted triple '<< … >>' (a "
     "subject, a predicate, an object), not '{0}'"),
    (r"^(.+?) is not a valid RDF quoted triple (?:subject|object)", "« {0} » ne peut pas être un terme du triplet "
     "cité « << … >> » : une IRI, un nœud anonyme _:b ou (en objet) un texte", "'{0}' cannot be a term of the "
     "quoted triple '<< … >>': an IRI, a blank node _:b or (as object) a text"),
    (r"Anonymous blank node with a property list are not allowed in quoted triples", "un nœud anonyme « [ … ] » "
     "avec des propriétés ne peut pas être dans un triplet cité « << … >> » : nommez-le (_:b)", "a blank node "
     "'[ … ]' with properties cannot be in a quoted triple '<< … >>': name it (_:b)"),
    # RDF/XML
    (r"Cannot find ';' after '&'", "« & » seul dans un texte XML : écrivez-le « &amp; »",
     "a lone '&' in XML text: write it '&amp;'"),
    (r"ill-formed document: expected `(</[^`]*>)`", "balise fermante inattendue : « {0} » est attendue ici (un élément "
     "resté ouvert, ou un nom mal écrit ?)", "unexpected end tag: '{0}' is expected here (an element left open, or a "
     "misspelt name?)"),
    (r"Not both (rdf:\w+) and (rdf:\w+) could be set", "{0} et {1} sur un même élément : l'un exclut l'autre ; "
     "gardez-en un", "{0} and {1} on one element: one excludes the other; keep one"),
    (r"^(.*?) is not a valid (rdf:ID|rdf:nodeID) value", "« {0} » n'est pas un {1} valable : un nom XML, qui "
     "commence par une lettre ou « _ », sans espace ni « : » (ou écrivez rdf:about avec une IRI)", "'{0}' is "
     "not a valid {1}: an XML name, which starts with a letter or '_', without a space or ':' (or write "
     "rdf:about with an IRI)"),
    (r"unrecognized entity `([^`]*)`", "entité « &{0}; » inconnue : XML ne connaît que &amp; &lt; &gt; &quot; "
     "&apos; et celles que le document déclare ; écrivez un « & » « &amp; »", "unknown entity '&{0};': XML knows "
     "only &amp; &lt; &gt; &quot; &apos; and those the document declares; write a '&' as '&amp;'"),
    (r"error while parsing language tag '(.*)'", "étiquette de langue « {0} » mal écrite (xml:lang) : BCP 47, comme "
     "« fr », « fr-FR », « en »", "miswritten language tag '{0}' (xml:lang): BCP 47, as 'fr', 'fr-FR', 'en'"),
    (r"Invalid property element tag name: (\S+)", "l'élément « {0} » ne peut pas être une propriété : un nœud "
     "(rdf:Description…) contient des propriétés, et chaque propriété un nœud, un texte ou rien", "the element '{0}' "
     "cannot be a property: a node (rdf:Description…) holds properties, and each property a node, a text or "
     "nothing"),
    (r"XML namespaces are required in RDF/XML", "élément ou attribut sans préfixe (« <p> » au lieu de « <ex:p> »), "
     "ou « < » seul dans un texte (écrivez-le « &lt; ») : RDF/XML exige que chaque nom ait un préfixe déclaré",
     "an element or attribute without a prefix ('<p>' instead of '<ex:p>'), or a lone '<' in a text (write it "
     "'&lt;'): RDF/XML requires each name to have a declared prefix"),
    (r"Unexpected text event: '(.*)'", "texte « {0} » inattendu : un nœud (rdf:Description…) ne contient que des "
     "propriétés, et une propriété avec rdf:resource ou rdf:nodeID n'a pas de texte", "unexpected text '{0}': a "
     "node (rdf:Description…) holds only properties, and a property with rdf:resource or rdf:nodeID has no text"),
    (r"comment not closed", "commentaire « <!-- » jamais fermé par « --> »", "comment '<!--' never closed by '-->'"),
    (r"attribute value must be enclosed in", "valeur d'attribut sans guillemets : écrivez attribut=\"valeur\"",
     "attribute value without quotes: write attribute=\"value\""),
    (r"duplicated attribute", "attribut écrit deux fois dans une même balise : gardez-en un", "attribute written "
     "twice in one tag: keep one"),
    (r"attribute key must be directly followed by `=`", "balise mal formée : un nom d'attribut est suivi de « = » et "
     "de sa valeur (un « > » ou un guillemet manque ?)", "ill-formed tag: an attribute name is followed by '=' and "
     "its value (a missing '>' or quote?)"),
    (r"syntax error: tag not closed", "balise jamais fermée : un « > » manque avant la fin du fichier",
     "a tag never closed: a '>' is missing before the end of the file"),
    (r"syntax error: DOCTYPE not closed", "déclaration « <!DOCTYPE » jamais fermée : un « ] » ou un « > » manque",
     "a '<!DOCTYPE' declaration never closed: a ']' or '>' is missing"),
    (r"syntax error: CDATA not closed", "section « <![CDATA[ » jamais fermée par « ]]> »",
     "a '<![CDATA[' section never closed by ']]>'"),
    (r"syntax error: processing instruction or xml declaration not closed", "déclaration « <?xml » (ou instruction "
     "« <? ») jamais fermée par « ?> »", "an '<?xml' declaration (or a '<?' instruction) never closed by '?>'"),
    (r"syntax error: unknown or missed symbol in markup", "balise mal formée : « <! » ouvre un commentaire "
     "« <!-- », une section « <![CDATA[ » ou une déclaration « <!DOCTYPE » ; « < » seul dans un texte s'écrit "
     "« &lt; »", "ill-formed tag: '<!' opens a comment '<!--', a '<![CDATA[' section or a '<!DOCTYPE' declaration; "
     "a lone '<' in a text is written '&lt;'"),
    (r"Unexpected node, a text value is already present", "un élément après un texte dans une propriété : une "
     "propriété contient un texte ou un nœud, pas les deux (un texte de balisage s'écrit avec "
     "rdf:parseType=\"Literal\")", "an element after a text in a property: a property holds a text or a node, not "
     "both (a markup text is written with rdf:parseType=\"Literal\")"),
    (r"Only UTF-8 is supported by the RDF/XML parser", "encodage mal déclaré : la déclaration XML nomme un encodage "
     "que Maillage ne connaît pas, ou le nomme mal ; écrivez <?xml version=\"1.0\" encoding=\"UTF-8\"?>",
     "a miswritten encoding: the XML declaration names an encoding that Maillage does not know, or misnames it; "
     "write <?xml version=\"1.0\" encoding=\"UTF-8\"?>"),
    (r"missing closing quote `(.)` in attribute value", "valeur d'attribut sans guillemet fermant « {0} »",
     "an attribute value without its closing quote '{0}'"),
    (r"`=` must be followed by an attribute value", "« = » est suivi de la valeur de l'attribut, entre guillemets : "
     "attribut=\"valeur\"", "'=' is followed by the attribute's value, between quotes: attribute=\"value\""),
    (r"<!ENTITY (?:declarations )?values? should|<!ENTITY declarations should contain", "déclaration d'entité mal "
     "écrite : <!ENTITY nom \"valeur\">", "a miswritten entity declaration: <!ENTITY name \"value\">"),
    (r"declaration does not contain a name of a document type", "« <!DOCTYPE » est suivi du nom de l'élément racine "
     ": <!DOCTYPE rdf:RDF [ … ]>", "'<!DOCTYPE' is followed by the name of the root element: "
     "<!DOCTYPE rdf:RDF [ … ]>"),
    (r"invalid character reference", "référence de caractère mal écrite : « &# » est suivi d'un nombre et de « ; » "
     "(&#233; ou &#xE9;) ; un « & » seul s'écrit « &amp; »", "a miswritten character reference: '&#' is followed "
     "by a number and ';' (&#233; or &#xE9;); a lone '&' is written '&amp;'"),
    # JSON-LD
    (r"Trailing commas are not allowed", "virgule en trop avant un « }} » ou un « ] »",
     "a comma too many before a '}}' or a ']'"),
    (r"Object values must be followed by a comma", "une virgule manque entre deux valeurs, ou un « }} » pour fermer "
     "l'objet", "a comma is missing between two values, or a '}}' to close the object"),
    (r"Unexpected char: '''", "guillemet simple : JSON écrit les textes et les clés entre guillemets doubles",
     "single quote: JSON writes texts and keys between double quotes"),
    (r"Array values must be followed by a comma", "une virgule manque entre deux éléments d'un tableau, ou un « ] » "
     "pour le fermer", "a comma is missing between two items of an array, or a ']' to close it"),
    (r"'(.+)' is not a valid escape sequence", "séquence d'échappement « {0} » inconnue dans un texte JSON (JSON "
     "connaît \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX) ; écrivez une barre oblique inverse « \\\\ »", "unknown "
     "escape sequence '{0}' in a JSON text (JSON knows \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX); write a backslash "
     "'\\\\'"),
    (r"\b(?:true|false|null) expected", "mot inconnu : sans guillemets, JSON n'écrit que des nombres, true, false et "
     "null ; un texte s'écrit entre guillemets", "unknown word: without quotes, JSON writes only numbers, true, "
     "false and null; a text is written between quotes"),
    (r"Unexpected character in a unicode escape: '(.)'", "« \\u » est suivi de quatre chiffres hexadécimaux, pas de "
     "« {0} »", "'\\u' is followed by four hexadecimal digits, not by '{0}'"),
    (r"'(.+)' is not allowed in JSON strings", "caractère de contrôle {0} dans un texte JSON : écrivez-le échappé "
     "(\\n, \\t, \\u0001…) ou retirez-le", "control character {0} in a JSON text: write it escaped (\\n, \\t, "
     "\\u0001…) or remove it"),
    (r"The JSON already contains one root element", "texte après la fin du document JSON (un « }} » ou un « ] » en "
     "trop, ou plusieurs documents à la suite : réunissez-les dans un tableau [ … ])", "text after the end of the "
     "JSON document (a '}}' or ']' too many, or several documents in a row: gather them in an array [ … ])"),
    (r"Unexpected closing (?:curly|square) bracket", "« }} » ou « ] » inattendu : une valeur manque après un « : » ou "
     "une virgule, ou il ne ferme pas ce qui est ouvert", "unexpected '}}' or ']': a value is missing after a ':' "
     "or a comma, or it does not close what is open"),
    (r"Object keys must be strings", "une clé d'objet est un texte entre guillemets, suivi de « : » (un « : » "
     "manque ?)", "an object key is a text between quotes, followed by ':' (a missing ':'?)"),
    (r"Unexpected colon, no key to follow", "« : » inattendu : il suit une clé entre guillemets, dans un objet "
     "{{ … }}", "unexpected ':': it follows a key between quotes, in an object {{ … }}"),
    (r"Unexpected comma, no values to separate", "virgule inattendue : elle sépare deux valeurs (une valeur manque "
     "avant elle ?)", "unexpected comma: it separates two values (a value missing before it?)"),
    (r"A number fractional part must start with a digit", "nombre mal écrit : le « . » décimal est suivi de "
     "chiffres (1.5)", "miswritten number: the decimal '.' is followed by digits (1.5)"),
    (r"A number exponential part must start with", "nombre mal écrit : « e » (l'exposant) est suivi de chiffres, "
     "avec un signe ou non (1.5e3, 2e-1)", "miswritten number: 'e' (the exponent) is followed by digits, with a "
     "sign or not (1.5e3, 2e-1)"),
    (r"A number is not allowed to start with '(.*)'", "nombre mal écrit, ou mot sans guillemets : « {0} » ne "
     "commence pas un nombre (JSON écrit -1, 0.5 ; ni « + », ni « .5 »)", "miswritten number, or a word without "
     "quotes: '{0}' does not start a number (JSON writes -1, 0.5; no '+', no '.5')"),
    (r"Unexpected char: '([^'])'", "caractère « {0} » inattendu : JSON n'a ni commentaires, ni NaN, ni mots sans "
     "guillemets ; un texte s'écrit entre guillemets doubles", "unexpected character '{0}': JSON has no comments, "
     "no NaN, no words without quotes; a text is written between double quotes"),
    # Language tags (RDF/XML's named above)
    (r"The given language subtag is invalid|A subtag may be eight characters|If an extension subtag is present"
     r"|A subtag fails to parse", "étiquette de langue mal écrite : BCP 47, des sous-étiquettes de 1 à 8 lettres ou "
     "chiffres séparées par « - », comme @fr, @fr-FR, @en", "miswritten language tag: BCP 47, subtags of 1 to 8 "
     "letters or digits separated by '-', as @fr, @fr-FR, @en"),
)


#: The cases whose sentence differs in a format (its name: :mod:`graph.formats`) from Turtle's, which
#: :data:`RDF_CASES` words (N-Triples, N-Quads and TriG write IRIs and statements as it does).
FORMAT_CASES = {
    "rdfxml": (
        (r"Invalid IRI code point", "caractère interdit dans une IRI (valeur d'un attribut : rdf:about, rdf:resource, "
         "rdf:datatype, xml:base, xmlns…)", "character not allowed in an IRI (an attribute value: rdf:about, "
         "rdf:resource, rdf:datatype, xml:base, xmlns…)"),
        (r"cannot decode input using UTF-8", "le fichier n'est pas en UTF-8, l'encodage que dit sa déclaration XML "
         "(ou son absence) : enregistrez-le en UTF-8, ou déclarez le sien (<?xml version=\"1.0\" "
         "encoding=\"ISO-8859-1\"?>)", "the file is not in UTF-8, the encoding its XML declaration (or its absence) "
         "says: save it as UTF-8, or declare its own (<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>)"),
        (r"Unknown prefix (\S*):", "préfixe « {0}: » non déclaré : aucun attribut xmlns:{0}=\"…\" ne le déclare",
         "undeclared prefix '{0}:': no xmlns:{0}=\"…\" attribute declares it"),
    ),
    "jsonld": (
        (r"Invalid IRI code point", "caractère interdit dans une IRI (une adresse entre guillemets : @id, @type, "
         "@base, @vocab…)", "character not allowed in an IRI (an address between quotes: @id, @type, @base, "
         "@vocab…)"),
        (r"@type value '(.*)' must be an IRI", "le « @type » d'une valeur (un objet avec « @value ») est l'IRI de "
         "son type de données, pas « {0} »", "the '@type' of a value (an object with '@value') is the IRI of its "
         "datatype, not '{0}'"),
        (r"Cyclic IRI mapping", "définitions circulaires dans le « @context » : un terme s'y définit par lui-même, "
         "directement (« \"p\": \"p:x\" ») ou par d'autres termes (« \"a\": \"b:x\", \"b\": \"a:y\" ») ; écrivez "
         "l'IRI complète d'au moins l'un d'eux", "circular definitions in the '@context': a term is defined by "
         "itself, directly ('\"p\": \"p:x\"') or through other terms ('\"a\": \"b:x\", \"b\": \"a:y\"'); write the "
         "full IRI of at least one of them"),
        (r"^(@\w+) (?:is defined twice|cannot be set multiple times)", "« {0} » deux fois dans un même objet : JSON "
         "n'y admet qu'une valeur par clé ; gardez-en une (plusieurs valeurs s'écrivent en tableau [ … ])",
         "'{0}' twice in one object: JSON allows one value per key there; keep one (several values are written "
         "as an array [ … ])"),
        (r"^(@\w+) keyword can't be redefined", "« {0} » redéfini dans le « @context » : un mot-clé de JSON-LD ne "
         "se redéfinit pas ; retirez-le du contexte", "'{0}' redefined in the '@context': a JSON-LD keyword cannot "
         "be redefined; remove it from the context"),
        (r"^(@\w+) (?:values? must be|must be an? )", "la valeur de « {0} » n'est pas du type que JSON-LD exige "
         "pour ce mot-clé (dit ci-après)", "the value of '{0}' is not of the type that JSON-LD requires for this "
         "keyword (said below)"),
        (r"^Term definition value must be", "la définition d'un terme du « @context » doit être un texte (une IRI), "
         "un objet {{ \"@id\": … }} ou null", "a term's definition in the '@context' must be a text (an IRI), an "
         "object {{ \"@id\": … }} or null"),
        (r"^Invalid @type iri '(.*)'", "le « @type » d'un terme du « @context » est l'IRI d'un type de données "
         "(ou @id, @vocab, @json, @none), pas « {0} »", "the '@type' of a term in the '@context' is the IRI of a "
         "datatype (or @id, @vocab, @json, @none), not '{0}'"),
        (r"^No @vocab key to build an IRI from context (.+) term definition", "le terme « {0} » du « @context » n'a "
         "pas d'IRI : sa définition n'a pas d'« @id » et aucun « @vocab » ne la donne ; écrivez « \"{0}\": "
         "{{\"@id\": \"http://…\"}} »", "the term '{0}' of the '@context' has no IRI: its definition has no '@id' "
         "and no '@vocab' gives it; write '\"{0}\": {{\"@id\": \"http://…\"}}'"),
        (r"^Invalid @type value in context: (.*)", "le « @type » d'un terme du « @context » est @id, @vocab, @json, "
         "@none ou l'IRI d'un type de données, pas « {0} »", "the '@type' of a term in the '@context' is @id, @vocab, "
         "@json, @none or the IRI of a datatype, not '{0}'"),
        (r"^Invalid @base '(.*)'", "« @base » est une IRI complète (http://…/), pas « {0} »", "'@base' is a full IRI "
         "(http://…/), not '{0}'"),
        (r"^Unexpected key in term definition '(@\w+)'", "clé « {0} » inconnue dans la définition d'un terme du "
         "« @context » (les clés admises : @id, @type, @container, @language, @reverse, @context, @prefix, "
         "@protected…)", "unknown key '{0}' in a term's definition in the '@context' (the keys allowed: @id, @type, "
         "@container, @language, @reverse, @context, @prefix, @protected…)"),
        (r"^Unexpected key in term definition '([^']*)'", "clé « {0} » inconnue dans la définition d'un terme "
         "du « @context » : ses clés sont des mots-clés, avec leur « @ » (@id, @type, @container, @language…)",
         "unknown key '{0}' in a term's definition in the '@context': its keys are keywords, with their '@' (@id, "
         "@type, @container, @language…)"),
        (r"^The only supported @version value is 1\.1", "« @version » ne peut valoir que 1.1 (un nombre) : écrivez "
         "\"@version\": 1.1 ou retirez-le", "'@version' can only be 1.1 (a number): write \"@version\": 1.1 or "
         "remove it"),
        (r"^Not supported @container value", "valeur de « @container » que JSON-LD n'admet pas (@list, @set, "
         "@language, @index, @id, @type, @graph, ou une combinaison admise de ceux-ci)", "a '@container' value that "
         "JSON-LD does not allow (@list, @set, @language, @index, @id, @type, @graph, or an allowed combination)"),
        (r"^@reverse and @id cannot be used together", "« @reverse » et « @id » dans la définition d'un même terme : "
         "un terme est l'un ou l'autre ; gardez-en un", "'@reverse' and '@id' in the definition of one term: a term "
         "is one or the other; keep one"),
        (r"^Inconsistent expansion of (\S+) between", "le terme « {0} », qui a la forme d'une IRI abrégée, est "
         "défini par une autre IRI que celle qu'il abrège : renommez-le sans « : »", "the term '{0}', which has the "
         "form of a compact IRI, is defined as another IRI than the one it abbreviates: rename it without ':'"),
        (r"^@context terms must not be the empty strings", "terme vide (« \"\" ») dans le « @context » : donnez-lui "
         "un nom ou retirez-le", "empty term ('\"\"') in the '@context': give it a name or remove it"),
        (r"^Overriding the protected term (.+)$", "le terme « {0} », protégé (« @protected »), est redéfini par un "
         "contexte qui suit : retirez cette redéfinition", "the term '{0}', protected ('@protected'), is redefined by "
         "a later context: remove this redefinition"),
        (r"^Objects with @value cannot contain properties, (.+) found$", "un objet avec « @value » (une valeur) ne "
         "porte pas de propriété, ici « {0} » : placez-la dans le nœud (l'objet avec « @id ») qui a cette valeur",
         "an object with '@value' (a value) bears no property, here '{0}': put it in the node (the object with "
         "'@id') that has this value"),
        (r"^(@\w+) must be the only key of an object", "« {0} » doit être la seule clé de son objet : placez les "
         "autres dans l'objet qui le contient", "'{0}' must be the only key of its object: put the others in the "
         "object holding it"),
        (r"Unexpected end of file", "le fichier s'arrête au milieu d'un objet (une « }} », un « ] » ou un guillemet "
         "manque ?)", "the file stops in the middle of an object (a missing '}}', ']' or quote?)"),
    ),
}


__all__ = ["FORMAT_CASES", "RDF_CASES"]
