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
    (r"A dot is expected at the end of statements", "un « . » manque à la fin de l'instruction précédente",
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
    (r"(?:^|: )(\S+) is not a valid subject or graph name", "« {0} » ne peut pas commencer une instruction : "
     "un sujet (ou, en TriG, un nom de graphe) est une IRI (<…> ou préfixe:nom) ou un nœud anonyme (_:b, "
     "[ … ]) ; un signe en trop, ou un texte ou un nombre en tête ?", "'{0}' cannot start a statement: a subject "
     "(or, in TriG, a graph name) is an IRI (<…> or prefix:name) or a blank node (_:b, [ … ]); a sign too many, "
     "or a text or a number first?"),
    (r"The subject of a triple must be an IRI or a blank node", "le sujet d'un triplet (et le graphe d'un "
     "quadruplet) est une IRI <…> ou un nœud anonyme _:b, pas un texte ; en N-Triples et N-Quads, une instruction "
     "tient sur une ligne et un texte s'écrit entre guillemets simples \"…\"", "a triple's subject (and a quad's "
     "graph) is an IRI <…> or a blank node _:b, not a text; in N-Triples and N-Quads, a statement holds on one line "
     "and a text is written between single quotes \"…\""),
    (r"(?:^|: )(\S+) is not a valid RDF object", "« {0} » ne peut pas être l'objet d'un triplet : un objet "
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
    (r"The PREFIX keyword should be followed by a prefix", "@prefix est suivi d'un préfixe qui finit par « : », "
     "puis de son IRI : @prefix ex: <http://…/> .", "@prefix is followed by a prefix that ends with ':', then by "
     "its IRI: @prefix ex: <http://…/> ."),
    (r"The escape sequence '(.*)' is not a valid hexadecimal string", "séquence « {0} » invalide : « \\u » est "
     "suivi de 4 chiffres hexadécimaux, « \\U » de 8", "invalid sequence '{0}': '\\u' is followed by 4 hexadecimal "
     "digits, '\\U' by 8"),
    (r"'(.)' is not allowed at the beginning of a prefix name", "caractère « {0} » inattendu : rien ne commence "
     "par lui en Turtle (un texte s'écrit entre guillemets, une IRI entre « < » et « > »)", "unexpected character "
     "'{0}': nothing starts with it in Turtle (a text is written between quotes, an IRI between '<' and '>')"),
    (r"Unexpected character '(.)'", "caractère « {0} » inattendu à cet endroit (une étiquette de langue s'écrit "
     "avec « - » : @fr-FR)", "unexpected character '{0}' here (a language tag is written with '-': @fr-FR)"),
    # RDF/XML
    (r"Cannot find ';' after '&'", "« & » seul dans un texte XML : écrivez-le « &amp; »",
     "a lone '&' in XML text: write it '&amp;'"),
    (r"ill-formed document: expected `(</[^`]*>)`", "balise fermante inattendue : « {0} » est attendue ici (un élément "
     "resté ouvert, ou un nom mal écrit ?)", "unexpected end tag: '{0}' is expected here (an element left open, or a "
     "misspelt name?)"),
    (r"Not both (rdf:\w+) and (rdf:\w+) could be set", "{0} et {1} sur un même élément : l'un exclut l'autre ; "
     "gardez-en un", "{0} and {1} on one element: one excludes the other; keep one"),
    (r"(?:^|: )(\S+) is not a valid rdf:ID value", "« {0} » n'est pas un rdf:ID valable : un nom XML, qui "
     "commence par une lettre ou « _ », sans espace ni « : » (ou écrivez rdf:about avec une IRI)", "'{0}' is "
     "not a valid rdf:ID: an XML name, which starts with a letter or '_', without a space or ':' (or write "
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
    (r"Unexpected char: '([^'])'", "caractère « {0} » inattendu : JSON n'a ni commentaires, ni NaN, ni mots sans "
     "guillemets ; un texte s'écrit entre guillemets doubles", "unexpected character '{0}': JSON has no comments, "
     "no NaN, no words without quotes; a text is written between double quotes"),
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
        (r"^Unexpected key in term definition '(@\w+)'", "clé « {0} » inconnue dans la définition d'un terme du "
         "« @context » (les clés admises : @id, @type, @container, @language, @reverse, @context, @prefix, "
         "@protected…)", "unknown key '{0}' in a term's definition in the '@context' (the keys allowed: @id, @type, "
         "@container, @language, @reverse, @context, @prefix, @protected…)"),
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
