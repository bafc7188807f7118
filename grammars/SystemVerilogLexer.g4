// SystemVerilog lexer, written for this project from IEEE 1800-2017 (Annex A.8-A.9, Annex B) and 1364-2005.
// It always recognises every 1800-2017 keyword; the keyword set of the file's language version
// (.v = 1364-2005, `begin_keywords) is applied afterwards on the token stream by KeywordVersions,
// which turns inactive keywords back into identifiers. Compiler directives are lexed as tokens and
// interpreted by the preprocessor, so every token keeps its original location.
// The lexer never fails: anything it does not know becomes an ERROR_CHAR token.
// Files are lexed for parsing by Verilog/SystemVerilogScanner, which must yield exactly this lexer's tokens: a change
// here needs the same change there (SystemVerilogScannerTests compares the two).
lexer grammar SystemVerilogLexer;

channels { COMMENTS, DIRECTIVES }

// ---- keywords (Annex B), first so that they win ties with SIMPLE_IDENTIFIER ----

ACCEPT_ON : 'accept_on' ;
ALIAS : 'alias' ;
ALWAYS : 'always' ;
ALWAYS_COMB : 'always_comb' ;
ALWAYS_FF : 'always_ff' ;
ALWAYS_LATCH : 'always_latch' ;
AND : 'and' ;
ASSERT : 'assert' ;
ASSIGN : 'assign' ;
ASSUME : 'assume' ;
AUTOMATIC : 'automatic' ;
BEFORE : 'before' ;
BEGIN : 'begin' ;
BIND : 'bind' ;
BINS : 'bins' ;
BINSOF : 'binsof' ;
BIT : 'bit' ;
BREAK : 'break' ;
BUF : 'buf' ;
BUFIF0 : 'bufif0' ;
BUFIF1 : 'bufif1' ;
BYTE : 'byte' ;
CASE : 'case' ;
CASEX : 'casex' ;
CASEZ : 'casez' ;
CELL : 'cell' ;
CHANDLE : 'chandle' ;
CHECKER : 'checker' ;
CLASS : 'class' ;
CLOCKING : 'clocking' ;
CMOS : 'cmos' ;
CONFIG : 'config' ;
CONST : 'const' ;
CONSTRAINT : 'constraint' ;
CONTEXT : 'context' ;
CONTINUE : 'continue' ;
COVER : 'cover' ;
COVERGROUP : 'covergroup' ;
COVERPOINT : 'coverpoint' ;
CROSS : 'cross' ;
DEASSIGN : 'deassign' ;
DEFAULT : 'default' ;
DEFPARAM : 'defparam' ;
DESIGN : 'design' ;
DISABLE : 'disable' ;
DIST : 'dist' ;
DO : 'do' ;
EDGE : 'edge' ;
ELSE : 'else' ;
END : 'end' ;
ENDCASE : 'endcase' ;
ENDCHECKER : 'endchecker' ;
ENDCLASS : 'endclass' ;
ENDCLOCKING : 'endclocking' ;
ENDCONFIG : 'endconfig' ;
ENDFUNCTION : 'endfunction' ;
ENDGENERATE : 'endgenerate' ;
ENDGROUP : 'endgroup' ;
ENDINTERFACE : 'endinterface' ;
ENDMODULE : 'endmodule' ;
ENDPACKAGE : 'endpackage' ;
ENDPRIMITIVE : 'endprimitive' ;
ENDPROGRAM : 'endprogram' ;
ENDPROPERTY : 'endproperty' ;
ENDSPECIFY : 'endspecify' ;
ENDSEQUENCE : 'endsequence' ;
ENDTABLE : 'endtable' ;
ENDTASK : 'endtask' ;
ENUM : 'enum' ;
EVENT : 'event' ;
EVENTUALLY : 'eventually' ;
EXPECT : 'expect' ;
EXPORT : 'export' ;
EXTENDS : 'extends' ;
EXTERN : 'extern' ;
FINAL : 'final' ;
FIRST_MATCH : 'first_match' ;
FOR : 'for' ;
FORCE : 'force' ;
FOREACH : 'foreach' ;
FOREVER : 'forever' ;
FORK : 'fork' ;
FORKJOIN : 'forkjoin' ;
FUNCTION : 'function' ;
GENERATE : 'generate' ;
GENVAR : 'genvar' ;
GLOBAL : 'global' ;
HIGHZ0 : 'highz0' ;
HIGHZ1 : 'highz1' ;
IF : 'if' ;
IFF : 'iff' ;
IFNONE : 'ifnone' ;
IGNORE_BINS : 'ignore_bins' ;
ILLEGAL_BINS : 'illegal_bins' ;
IMPLEMENTS : 'implements' ;
IMPLIES : 'implies' ;
IMPORT : 'import' ;
INCDIR : 'incdir' ;
INCLUDE : 'include' ;
INITIAL : 'initial' ;
INOUT : 'inout' ;
INPUT : 'input' ;
INSIDE : 'inside' ;
INSTANCE : 'instance' ;
INT : 'int' ;
INTEGER : 'integer' ;
INTERCONNECT : 'interconnect' ;
INTERFACE : 'interface' ;
INTERSECT : 'intersect' ;
JOIN : 'join' ;
JOIN_ANY : 'join_any' ;
JOIN_NONE : 'join_none' ;
LARGE : 'large' ;
LET : 'let' ;
LIBLIST : 'liblist' ;
LIBRARY : 'library' ;
LOCAL : 'local' ;
LOCALPARAM : 'localparam' ;
LOGIC : 'logic' ;
LONGINT : 'longint' ;
MACROMODULE : 'macromodule' ;
MATCHES : 'matches' ;
MEDIUM : 'medium' ;
MODPORT : 'modport' ;
MODULE : 'module' ;
NAND : 'nand' ;
NEGEDGE : 'negedge' ;
NETTYPE : 'nettype' ;
NEW : 'new' ;
NEXTTIME : 'nexttime' ;
NMOS : 'nmos' ;
NOR : 'nor' ;
NOSHOWCANCELLED : 'noshowcancelled' ;
NOT : 'not' ;
NOTIF0 : 'notif0' ;
NOTIF1 : 'notif1' ;
NULL : 'null' ;
OR : 'or' ;
OUTPUT : 'output' ;
PACKAGE : 'package' ;
PACKED : 'packed' ;
PARAMETER : 'parameter' ;
PMOS : 'pmos' ;
POSEDGE : 'posedge' ;
PRIMITIVE : 'primitive' ;
PRIORITY : 'priority' ;
PROGRAM : 'program' ;
PROPERTY : 'property' ;
PROTECTED : 'protected' ;
PULL0 : 'pull0' ;
PULL1 : 'pull1' ;
PULLDOWN : 'pulldown' ;
PULLUP : 'pullup' ;
PULSESTYLE_ONDETECT : 'pulsestyle_ondetect' ;
PULSESTYLE_ONEVENT : 'pulsestyle_onevent' ;
PURE : 'pure' ;
RAND : 'rand' ;
RANDC : 'randc' ;
RANDCASE : 'randcase' ;
RANDSEQUENCE : 'randsequence' ;
RCMOS : 'rcmos' ;
REAL : 'real' ;
REALTIME : 'realtime' ;
REF : 'ref' ;
REG : 'reg' ;
REJECT_ON : 'reject_on' ;
RELEASE : 'release' ;
REPEAT : 'repeat' ;
RESTRICT : 'restrict' ;
RETURN : 'return' ;
RNMOS : 'rnmos' ;
RPMOS : 'rpmos' ;
RTRAN : 'rtran' ;
RTRANIF0 : 'rtranif0' ;
RTRANIF1 : 'rtranif1' ;
S_ALWAYS : 's_always' ;
S_EVENTUALLY : 's_eventually' ;
S_NEXTTIME : 's_nexttime' ;
S_UNTIL : 's_until' ;
S_UNTIL_WITH : 's_until_with' ;
SCALARED : 'scalared' ;
SEQUENCE : 'sequence' ;
SHORTINT : 'shortint' ;
SHORTREAL : 'shortreal' ;
SHOWCANCELLED : 'showcancelled' ;
SIGNED : 'signed' ;
SMALL : 'small' ;
SOFT : 'soft' ;
SOLVE : 'solve' ;
SPECIFY : 'specify' ;
SPECPARAM : 'specparam' ;
STATIC : 'static' ;
STRING : 'string' ;
STRONG : 'strong' ;
STRONG0 : 'strong0' ;
STRONG1 : 'strong1' ;
STRUCT : 'struct' ;
SUPER : 'super' ;
SUPPLY0 : 'supply0' ;
SUPPLY1 : 'supply1' ;
SYNC_ACCEPT_ON : 'sync_accept_on' ;
SYNC_REJECT_ON : 'sync_reject_on' ;
TABLE : 'table' ;
TAGGED : 'tagged' ;
TASK : 'task' ;
THIS : 'this' ;
THROUGHOUT : 'throughout' ;
TIME : 'time' ;
TIMEPRECISION : 'timeprecision' ;
TIMEUNIT : 'timeunit' ;
TRAN : 'tran' ;
TRANIF0 : 'tranif0' ;
TRANIF1 : 'tranif1' ;
TRI : 'tri' ;
TRI0 : 'tri0' ;
TRI1 : 'tri1' ;
TRIAND : 'triand' ;
TRIOR : 'trior' ;
TRIREG : 'trireg' ;
TYPE : 'type' ;
TYPEDEF : 'typedef' ;
UNION : 'union' ;
UNIQUE : 'unique' ;
UNIQUE0 : 'unique0' ;
UNSIGNED : 'unsigned' ;
UNTIL : 'until' ;
UNTIL_WITH : 'until_with' ;
UNTYPED : 'untyped' ;
USE : 'use' ;
UWIRE : 'uwire' ;
VAR : 'var' ;
VECTORED : 'vectored' ;
VIRTUAL : 'virtual' ;
VOID : 'void' ;
WAIT : 'wait' ;
WAIT_ORDER : 'wait_order' ;
WAND : 'wand' ;
WEAK : 'weak' ;
WEAK0 : 'weak0' ;
WEAK1 : 'weak1' ;
WHILE : 'while' ;
WILDCARD : 'wildcard' ;
WIRE : 'wire' ;
WITH : 'with' ;
WITHIN : 'within' ;
WOR : 'wor' ;
XNOR : 'xnor' ;
XOR : 'xor' ;

// ---- special identifiers and literals ----
ONESTEP : '1step' ;
DOLLAR_UNIT : '$unit' ;
DOLLAR_ROOT : '$root' ;

// ---- compiler directives and macro punctuation (consumed by the preprocessor) ----
MACRO_ESCAPED_QUOTE : '`\\`"' ;
MACRO_QUOTE : '`"' ;
MACRO_PASTE : '``' ;
DIRECTIVE : '`' [a-zA-Z_] [a-zA-Z0-9_$]* ;
ESCAPED_DIRECTIVE : '`' '\\' ~[ \t\r\n\f]+ ;
LINE_CONTINUATION : '\\' '\r'? '\n' -> channel(HIDDEN) ;

// ---- numbers (A.8.7) ----
// `'h 1F` and `'b ??01`: base and value form one token; the size, if any, is the UNSIGNED_NUMBER before it.
// Each base takes only its own digits, so in a macro body `'b BIN_IDX` leaves the formal argument whole (the
// preprocessor joins base and substituted value again).
BASED_NUMBER
    : '\'' [sS]? [bB] [ \t]* [01xXzZ?] [01xXzZ?_]*
    | '\'' [sS]? [oO] [ \t]* [0-7xXzZ?] [0-7xXzZ?_]*
    | '\'' [sS]? [dD] [ \t]* ([0-9] [0-9_]* | [xXzZ?] '_'*)
    | '\'' [sS]? [hH] [ \t]* [0-9a-fA-FxXzZ?] [0-9a-fA-FxXzZ?_]*
    ;
UNBASED_UNSIZED_LITERAL : '\'' [01xXzZ] ;
TIME_LITERAL : ([0-9] [0-9_]* ('.' [0-9] [0-9_]*)?) ('s' | 'ms' | 'us' | 'ns' | 'ps' | 'fs') ;
REAL_NUMBER
    : [0-9] [0-9_]* '.' [0-9] [0-9_]* ([eE] [+-]? [0-9] [0-9_]*)?
    | [0-9] [0-9_]* [eE] [+-]? [0-9] [0-9_]*
    ;
UNSIGNED_NUMBER : [0-9] [0-9_]* ;

STRING_LITERAL : '"' (~["\\\r\n] | '\\' .)* '"' ;

// ---- operators and punctuation (A.8.6), longest first is handled by ANTLR's longest match ----

TRIPLE_LSHIFT_ASSIGN : '<<<=' ;
TRIPLE_RSHIFT_ASSIGN : '>>>=' ;
LSHIFT_ASSIGN : '<<=' ;
RSHIFT_ASSIGN : '>>=' ;
CASE_EQ : '===' ;
CASE_NE : '!==' ;
WILD_EQ : '==?' ;
WILD_NE : '!=?' ;
TRIPLE_LSHIFT : '<<<' ;
TRIPLE_RSHIFT : '>>>' ;
EQUIVALENCE : '<->' ;
OVERLAP_IMPLY : '|->' ;
NONOVERLAP_IMPLY : '|=>' ;
HASH_MINUS_HASH : '#-#' ;
HASH_EQ_HASH : '#=#' ;
ARROW_ARROW : '->>' ;
// Path arrows of specify blocks and `=>` of covergroup transitions.
EQ_GT : '=>' ;
STAR_GT : '*>' ;
ATTR_START : '(*' ;
ATTR_END : '*)' ;
POWER : '**' ;
LOGICAL_AND : '&&' ;
TRIPLE_AND : '&&&' ;
LOGICAL_OR : '||' ;
EQ : '==' ;
NE : '!=' ;
LE : '<=' ;
GE : '>=' ;
LSHIFT : '<<' ;
RSHIFT : '>>' ;
PLUS_ASSIGN : '+=' ;
MINUS_ASSIGN : '-=' ;
STAR_ASSIGN : '*=' ;
SLASH_ASSIGN : '/=' ;
PERCENT_ASSIGN : '%=' ;
AND_ASSIGN : '&=' ;
OR_ASSIGN : '|=' ;
XOR_ASSIGN : '^=' ;
INCREMENT : '++' ;
DECREMENT : '--' ;
ARROW : '->' ;
NAND_OP : '~&' ;
NOR_OP : '~|' ;
XNOR_OP : '~^' ;
XNOR_OP2 : '^~' ;
DOUBLE_COLON : '::' ;
COLON_ASSIGN : ':=' ;
// The `:/` of dist weights is parsed as ':' '/' so that `default:/* comment */` still lexes a comment.
PLUS_COLON : '+:' ;
MINUS_COLON : '-:' ;
DOT_STAR : '.*' ;
DOUBLE_HASH : '##' ;
DOUBLE_AT : '@@' ;
APOSTROPHE_LBRACE : '\'{' ;
PLUS : '+' ;
MINUS : '-' ;
STAR : '*' ;
SLASH : '/' ;
PERCENT : '%' ;
BANG : '!' ;
TILDE : '~' ;
AMPERSAND : '&' ;
PIPE : '|' ;
CARET : '^' ;
LT : '<' ;
GT : '>' ;
EQUALS : '=' ;
QUESTION : '?' ;
COLON : ':' ;
SEMI : ';' ;
COMMA : ',' ;
DOT : '.' ;
HASH : '#' ;
AT : '@' ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACKET : '[' ;
RBRACKET : ']' ;
LBRACE : '{' ;
RBRACE : '}' ;
APOSTROPHE : '\'' ;
DOLLAR : '$' ;

// ---- identifiers (A.9.3) ----
SIMPLE_IDENTIFIER : [a-zA-Z_] [a-zA-Z0-9_$]* ;
ESCAPED_IDENTIFIER : '\\' ~[ \t\r\n\f]+ ;
SYSTEM_TF_IDENTIFIER : '$' [a-zA-Z0-9_$]+ ;

// ---- trivia ----
BLOCK_COMMENT : '/*' .*? '*/' -> channel(COMMENTS) ;
LINE_COMMENT : '//' ~[\r\n]* -> channel(COMMENTS) ;
NEWLINE : '\r'? '\n' -> channel(HIDDEN) ;
WHITESPACE : [ \t\f\u000B]+ -> channel(HIDDEN) ;

// An unterminated block comment or string must not stop the lexer: these take the rest of the input.
// Its body cannot contain `*/`; otherwise this rule would always be the longest match and win over BLOCK_COMMENT.
UNTERMINATED_BLOCK_COMMENT : '/*' (~[*] | '*'+ ~[*/])* '*'* EOF -> channel(COMMENTS) ;
UNTERMINATED_STRING : '"' (~["\\\r\n] | '\\' .)* ;
ERROR_CHAR : . ;

