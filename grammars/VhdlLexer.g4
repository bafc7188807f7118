// VHDL lexer, written for this project from IEEE 1076-2008 clause 15 (lexical elements); it also reads 1076-1993.
// Keywords and identifiers are case-insensitive. The lexer always recognises every 1076-2008 reserved word;
// for 1076-1993 files VhdlKeywordVersions turns the 2008-only ones back into identifiers on the token stream.
// The tick ambiguity (a'length vs 'a') is decided here: a character literal is only recognised where the
// previous significant token cannot end a name (see VhdlLexer.CharacterLiteralAllowed in src/Hdl.Syntax/Vhdl).
// The lexer never fails: anything it does not know becomes an ERROR_CHAR token.
lexer grammar VhdlLexer;

options { caseInsensitive = true; }

channels { COMMENTS, DIRECTIVES }

// ---- reserved words (15.10), first so that they win ties with BASIC_IDENTIFIER ----

ABS : 'abs' ;
ACCESS : 'access' ;
AFTER : 'after' ;
ALIAS : 'alias' ;
ALL : 'all' ;
AND : 'and' ;
ARCHITECTURE : 'architecture' ;
ARRAY : 'array' ;
ASSERT : 'assert' ;
ASSUME : 'assume' ;
ASSUME_GUARANTEE : 'assume_guarantee' ;
ATTRIBUTE : 'attribute' ;
BEGIN : 'begin' ;
BLOCK : 'block' ;
BODY : 'body' ;
BUFFER : 'buffer' ;
BUS : 'bus' ;
CASE : 'case' ;
COMPONENT : 'component' ;
CONFIGURATION : 'configuration' ;
CONSTANT : 'constant' ;
CONTEXT : 'context' ;
COVER : 'cover' ;
DEFAULT : 'default' ;
DISCONNECT : 'disconnect' ;
DOWNTO : 'downto' ;
ELSE : 'else' ;
ELSIF : 'elsif' ;
END : 'end' ;
ENTITY : 'entity' ;
EXIT : 'exit' ;
FAIRNESS : 'fairness' ;
FILE : 'file' ;
FOR : 'for' ;
FORCE : 'force' ;
FUNCTION : 'function' ;
GENERATE : 'generate' ;
GENERIC : 'generic' ;
GROUP : 'group' ;
GUARDED : 'guarded' ;
IF : 'if' ;
IMPURE : 'impure' ;
IN : 'in' ;
INERTIAL : 'inertial' ;
INOUT : 'inout' ;
IS : 'is' ;
LABEL : 'label' ;
LIBRARY : 'library' ;
LINKAGE : 'linkage' ;
LITERAL : 'literal' ;
LOOP : 'loop' ;
MAP : 'map' ;
MOD : 'mod' ;
NAND : 'nand' ;
NEW : 'new' ;
NEXT : 'next' ;
NOR : 'nor' ;
NOT : 'not' ;
NULL_ : 'null' ;
OF : 'of' ;
ON : 'on' ;
OPEN : 'open' ;
OR : 'or' ;
OTHERS : 'others' ;
OUT : 'out' ;
PACKAGE : 'package' ;
PARAMETER : 'parameter' ;
PORT : 'port' ;
POSTPONED : 'postponed' ;
PROCEDURE : 'procedure' ;
PROCESS : 'process' ;
PROPERTY : 'property' ;
PROTECTED : 'protected' ;
PURE : 'pure' ;
RANGE : 'range' ;
RECORD : 'record' ;
REGISTER : 'register' ;
REJECT : 'reject' ;
RELEASE : 'release' ;
REM : 'rem' ;
REPORT : 'report' ;
RESTRICT : 'restrict' ;
RESTRICT_GUARANTEE : 'restrict_guarantee' ;
RETURN : 'return' ;
ROL : 'rol' ;
ROR : 'ror' ;
SELECT : 'select' ;
SEQUENCE : 'sequence' ;
SEVERITY : 'severity' ;
SHARED : 'shared' ;
SIGNAL : 'signal' ;
SLA : 'sla' ;
SLL : 'sll' ;
SRA : 'sra' ;
SRL : 'srl' ;
STRONG : 'strong' ;
SUBTYPE : 'subtype' ;
THEN : 'then' ;
TO : 'to' ;
TRANSPORT : 'transport' ;
TYPE : 'type' ;
UNAFFECTED : 'unaffected' ;
UNITS : 'units' ;
UNTIL : 'until' ;
USE : 'use' ;
VARIABLE : 'variable' ;
VMODE : 'vmode' ;
VPROP : 'vprop' ;
VUNIT : 'vunit' ;
WAIT : 'wait' ;
WHEN : 'when' ;
WHILE : 'while' ;
WITH : 'with' ;
XNOR : 'xnor' ;
XOR : 'xor' ;

// ---- compound delimiters (15.3), longest first where prefixes overlap ----
ARROW : '=>' ;
DOUBLESTAR : '**' ;
VARASGN : ':=' ;
NE : '/=' ;
GE : '>=' ;
LE : '<=' ;
BOX : '<>' ;
CONDITION_OPERATOR : '??' ;
MATCH_EQ : '?=' ;
MATCH_NE : '?/=' ;
MATCH_LT : '?<' ;
MATCH_LE : '?<=' ;
MATCH_GT : '?>' ;
MATCH_GE : '?>=' ;
DOUBLE_LESS : '<<' ;
DOUBLE_GREATER : '>>' ;

// ---- simple delimiters ----
AMPERSAND : '&' ;
TICK : '\'' ;
LPAREN : '(' ;
RPAREN : ')' ;
STAR : '*' ;
PLUS : '+' ;
COMMA : ',' ;
MINUS : '-' ;
DOT : '.' ;
SLASH : '/' ;
COLON : ':' ;
SEMI : ';' ;
LT : '<' ;
EQ : '=' ;
GT : '>' ;
BAR : '|' | '!' ;
LBRACKET : '[' ;
RBRACKET : ']' ;
LBRACE : '{' ;      // PSL sequences
RBRACE : '}' ;
QUESTION : '?' ;
AT : '@' ;
CARET : '^' ;

// ---- literals (15.5-15.8) ----

// 15.8: [integer] base_specifier "bit_value", base_specifier ::= B | O | X | UB | UO | UX | SB | SO | SX | D.
// The value is kept loose (any graphic characters): 2008 allows meta-values such as "XZ-" in it.
BIT_STRING_LITERAL : INTEGER? BASE_SPECIFIER '"' ~["\r\n]* '"' ;

// 15.5.3: base # based_integer [. based_integer] # [exponent]
BASED_LITERAL : INTEGER '#' EXTENDED_DIGIT ('_'? EXTENDED_DIGIT)* ('.' EXTENDED_DIGIT ('_'? EXTENDED_DIGIT)*)? '#' EXPONENT? ;

// 15.5.2: integer [. integer] [exponent]
DECIMAL_LITERAL : INTEGER ('.' INTEGER)? EXPONENT? ;

// 15.6: a graphic character between apostrophes, only where no name ends just before (the tick rule above).
CHARACTER_LITERAL : '\'' . '\'' { CharacterLiteralAllowed }? ;

// 15.7: doubled quotes stand for one quote inside.
STRING_LITERAL : '"' (~["\r\n] | '""')* '"' ;

// ---- identifiers (15.4) ----
BASIC_IDENTIFIER : LETTER ('_'? LETTER_OR_DIGIT)* ;
EXTENDED_IDENTIFIER : '\\' (~[\\\r\n] | '\\\\')+ '\\' ;

// ---- trivia (15.9); PSL comments (-- psl ...) and synthesis pragmas are comments too ----
BLOCK_COMMENT : '/*' .*? '*/' -> channel(COMMENTS) ;
LINE_COMMENT : '--' ~[\r\n]* -> channel(COMMENTS) ;
// 1076-2019 tool directives (`protect ..., `if ...) run to the end of the line; they are not analysed here.
TOOL_DIRECTIVE : '`' ~[\r\n]* -> channel(DIRECTIVES) ;
// Line breaks are plain white space in VHDL. Nothing reads white space back from the token stream, so it makes no
// token at all (a token and its text per run cost a quarter of the lexer's time).
WHITESPACE : [ \t\r\n\f\u000B\u00A0]+ -> skip ;

// An unterminated block comment or string must not stop the lexer: these take the rest of the input / line.
// The body cannot contain */ so that a closed comment never loses to this longer match.
UNTERMINATED_BLOCK_COMMENT : '/*' (~'*' | '*'+ ~[*/])* '*'* EOF -> channel(COMMENTS) ;
UNTERMINATED_STRING : '"' (~["\r\n] | '""')* ;
ERROR_CHAR : . ;

fragment DIGIT : [0-9] ;
fragment INTEGER : DIGIT ('_'? DIGIT)* ;
fragment EXPONENT : 'e' [+-]? INTEGER ;
fragment EXTENDED_DIGIT : [0-9a-f] ;
fragment BASE_SPECIFIER : 'b' | 'o' | 'x' | 'ub' | 'uo' | 'ux' | 'sb' | 'so' | 'sx' | 'd' ;
fragment LETTER : [a-z\u00DF-\u00F6\u00F8-\u00FF] ;
fragment LETTER_OR_DIGIT : LETTER | DIGIT ;
