// VHDL parser, written for this project from the syntax of IEEE 1076-2008 (Annex C); 1076-1993 is a subset
// once its keyword set is applied (VhdlKeywordVersions). Rule names follow the standard's productions because
// later layers navigate the tree by rule name.
//
// Where the standard's grammar can only be decided with semantic information, one permissive rule stands for
// several productions, and the design model decides later:
//  - `name` covers simple, selected, indexed and slice names, function calls, type conversions, attribute
//    names and qualified expressions: `f(x)`, `a(3 downto 0)`, `t'(..)`, `s'event`, `pkg.item`.
//  - every declarative part accepts every declarative item (which item is allowed where is a semantic check).
//  - element associations are left-factored (`choices [=> expression]`) so that prediction never has to
//    scan a whole expression to find an arrow; a positional element is a `choices` of one `choice`.
// The grammar keeps to SLL: alternatives are decided by a few tokens of lookahead.
parser grammar VhdlParser;

options { tokenVocab = VhdlLexer; contextSuperClass = Hdl.Syntax.Parsing.CompactRuleContext; }

// ======================================================================== design file (13.1)

design_file
    : design_unit* EOF
    ;

design_unit
    : context_clause library_unit
    ;

library_unit
    : entity_declaration
    | architecture_body
    | package_declaration
    | package_body
    | package_instantiation_declaration
    | configuration_declaration
    | context_declaration
    ;

context_clause
    : context_item*
    ;

context_item
    : library_clause
    | use_clause
    | context_reference
    ;

library_clause
    : LIBRARY identifier_list SEMI
    ;

use_clause
    : USE name (COMMA name)* SEMI
    ;

context_reference
    : CONTEXT name (COMMA name)* SEMI
    ;

context_declaration
    : CONTEXT identifier IS context_clause END CONTEXT? simple_name? SEMI
    ;

// ======================================================================== entities and architectures (3)

entity_declaration
    : ENTITY identifier IS entity_header entity_declarative_part (BEGIN entity_statement_part)? END ENTITY? simple_name? SEMI
    ;

entity_header
    : generic_clause? port_clause?
    ;

entity_declarative_part
    : declarative_item*
    ;

entity_statement_part
    : concurrent_statement*
    ;

architecture_body
    : ARCHITECTURE identifier OF name IS architecture_declarative_part BEGIN architecture_statement_part END ARCHITECTURE? simple_name? SEMI
    ;

architecture_declarative_part
    : declarative_item*
    ;

architecture_statement_part
    : concurrent_statement*
    ;

// ======================================================================== configurations (3.4)

configuration_declaration
    : CONFIGURATION identifier OF name IS configuration_declarative_part (verification_unit_binding_indication SEMI)* block_configuration END CONFIGURATION? simple_name? SEMI
    ;

configuration_declarative_part
    : (use_clause | attribute_specification | group_declaration)*
    ;

block_configuration
    : FOR name use_clause* configuration_item* END FOR SEMI
    ;

configuration_item
    : block_configuration
    | component_configuration
    ;

component_configuration
    : FOR component_specification (binding_indication SEMI)? (verification_unit_binding_indication SEMI)* block_configuration? END FOR SEMI
    ;

verification_unit_binding_indication
    : USE VUNIT name (COMMA name)*
    ;

configuration_specification
    : FOR component_specification binding_indication SEMI (END FOR SEMI)?
    ;

component_specification
    : instantiation_list COLON name
    ;

instantiation_list
    : identifier (COMMA identifier)*
    | OTHERS
    | ALL
    ;

binding_indication
    : (USE entity_aspect)? generic_map_aspect? port_map_aspect?
    ;

entity_aspect
    : ENTITY name
    | CONFIGURATION name
    | OPEN
    ;

// ======================================================================== packages (4.7-4.9)

package_declaration
    : PACKAGE identifier IS package_header package_declarative_part END PACKAGE? simple_name? SEMI
    ;

package_header
    : (generic_clause (generic_map_aspect SEMI)?)?
    ;

package_declarative_part
    : declarative_item*
    ;

package_body
    : PACKAGE BODY identifier IS package_body_declarative_part END (PACKAGE BODY)? simple_name? SEMI
    ;

package_body_declarative_part
    : declarative_item*
    ;

package_instantiation_declaration
    : PACKAGE identifier IS NEW name generic_map_aspect? SEMI
    ;

// ======================================================================== subprograms (4.2-4.4)

subprogram_declaration
    : subprogram_specification SEMI
    ;

subprogram_body
    : subprogram_specification IS subprogram_declarative_part BEGIN subprogram_statement_part END subprogram_kind? designator? SEMI
    ;

subprogram_specification
    : procedure_specification
    | function_specification
    ;

procedure_specification
    : PROCEDURE designator subprogram_header (PARAMETER? LPAREN formal_parameter_list RPAREN)?
    ;

function_specification
    : (PURE | IMPURE)? FUNCTION designator subprogram_header (PARAMETER? LPAREN formal_parameter_list RPAREN)? RETURN type_mark
    ;

subprogram_header
    : (GENERIC LPAREN generic_list RPAREN generic_map_aspect?)?
    ;

formal_parameter_list
    : interface_list
    ;

subprogram_declarative_part
    : declarative_item*
    ;

subprogram_statement_part
    : sequential_statement*
    ;

subprogram_kind
    : PROCEDURE
    | FUNCTION
    ;

subprogram_instantiation_declaration
    : subprogram_kind designator IS NEW name signature? generic_map_aspect? SEMI
    ;

designator
    : identifier
    | STRING_LITERAL
    ;

signature
    : LBRACKET (type_mark (COMMA type_mark)*)? (RETURN type_mark)? RBRACKET
    ;

// ======================================================================== declarations (6)

// Every declarative part accepts every item; which item may appear where is checked later.
declarative_item
    : subprogram_declaration
    | subprogram_body
    | subprogram_instantiation_declaration
    | package_declaration
    | package_body
    | package_instantiation_declaration
    | type_declaration
    | subtype_declaration
    | constant_declaration
    | signal_declaration
    | variable_declaration
    | file_declaration
    | alias_declaration
    | component_declaration
    | attribute_declaration
    | attribute_specification
    | configuration_specification
    | disconnection_specification
    | use_clause
    | group_template_declaration
    | group_declaration
    | psl_declaration
    ;

type_declaration
    : TYPE identifier (IS type_definition)? SEMI
    ;

type_definition
    : enumeration_type_definition
    | integer_type_definition
    | physical_type_definition
    | array_type_definition
    | record_type_definition
    | access_type_definition
    | file_type_definition
    | protected_type_declaration
    | protected_type_body
    ;

enumeration_type_definition
    : LPAREN enumeration_literal (COMMA enumeration_literal)* RPAREN
    ;

enumeration_literal
    : identifier
    | CHARACTER_LITERAL
    ;

// Also floating point types: `range 0.0 to 1.0` looks the same.
integer_type_definition
    : range_constraint
    ;

physical_type_definition
    : range_constraint UNITS primary_unit_declaration secondary_unit_declaration* END UNITS simple_name?
    ;

primary_unit_declaration
    : identifier SEMI
    ;

secondary_unit_declaration
    : identifier EQ physical_literal SEMI
    ;

array_type_definition
    : ARRAY LPAREN array_index_definition (COMMA array_index_definition)* RPAREN OF subtype_indication
    ;

// Unbounded (`natural range <>`) or constrained (`0 to 7`, `t'range`, `natural range 0 to 7`).
array_index_definition
    : index_subtype_definition
    | discrete_range
    ;

index_subtype_definition
    : type_mark RANGE BOX
    ;

record_type_definition
    : RECORD element_declaration* END RECORD simple_name?
    ;

element_declaration
    : identifier_list COLON subtype_indication SEMI
    ;

access_type_definition
    : ACCESS subtype_indication
    ;

file_type_definition
    : FILE OF type_mark
    ;

protected_type_declaration
    : PROTECTED protected_type_declarative_part END PROTECTED simple_name?
    ;

protected_type_declarative_part
    : declarative_item*
    ;

protected_type_body
    : PROTECTED BODY protected_type_body_declarative_part END PROTECTED BODY simple_name?
    ;

protected_type_body_declarative_part
    : declarative_item*
    ;

subtype_declaration
    : SUBTYPE identifier IS subtype_indication SEMI
    ;

// [resolution_indication] type_mark [constraint]. With two names, the first is the resolution function.
subtype_indication
    : resolution_indication? type_mark constraint?
    ;

resolution_indication
    : name
    | LPAREN element_resolution RPAREN
    ;

element_resolution
    : resolution_indication
    | record_element_resolution (COMMA record_element_resolution)*
    ;

record_element_resolution
    : identifier resolution_indication
    ;

// A type or subtype name, possibly through an attribute that denotes a subtype (s'subtype, a'element).
type_mark
    : selected_name (TICK attribute_designator)*
    ;

constraint
    : range_constraint
    | array_constraint
    ;

range_constraint
    : RANGE range
    ;

// Index, element and record constraints: `(7 downto 0)`, `(open)(3 downto 0)`, `(f1(3 downto 0), f2(open))`.
array_constraint
    : index_constraint+ (range_constraint)?
    ;

index_constraint
    : LPAREN constraint_element (COMMA constraint_element)* RPAREN
    ;

constraint_element
    : OPEN
    | discrete_range
    ;

// An explicit range `a to b`, or a range attribute name `t'range` (an expression).
range
    : expression (direction expression)?
    ;

direction
    : TO
    | DOWNTO
    ;

// A range, or a subtype indication with a range constraint (`natural range 0 to 7`).
discrete_range
    : expression (direction expression | range_constraint)?
    ;

constant_declaration
    : CONSTANT identifier_list COLON subtype_indication (VARASGN expression)? SEMI
    ;

signal_declaration
    : SIGNAL identifier_list COLON subtype_indication signal_kind? (VARASGN expression)? SEMI
    ;

signal_kind
    : REGISTER
    | BUS
    ;

variable_declaration
    : SHARED? VARIABLE identifier_list COLON subtype_indication (VARASGN expression)? SEMI
    ;

file_declaration
    : FILE identifier_list COLON subtype_indication file_open_information? SEMI
    ;

// 1076-1987 style `is in "name"` is still accepted by tools; the mode is optional here.
file_open_information
    : (OPEN expression)? IS interface_mode? expression
    ;

alias_declaration
    : ALIAS alias_designator (COLON subtype_indication)? IS (name | STRING_LITERAL) signature? SEMI
    ;

alias_designator
    : identifier
    | CHARACTER_LITERAL
    | STRING_LITERAL
    ;

component_declaration
    : COMPONENT identifier IS? generic_clause? port_clause? END COMPONENT simple_name? SEMI
    ;

attribute_declaration
    : ATTRIBUTE identifier COLON type_mark SEMI
    ;

attribute_specification
    : ATTRIBUTE attribute_designator OF entity_specification IS expression SEMI
    ;

entity_specification
    : entity_name_list COLON entity_class
    ;

entity_name_list
    : entity_designator (COMMA entity_designator)*
    | OTHERS
    | ALL
    ;

entity_designator
    : (identifier | CHARACTER_LITERAL | STRING_LITERAL) signature?
    ;

entity_class
    : ENTITY | ARCHITECTURE | CONFIGURATION | PROCEDURE | FUNCTION | PACKAGE | TYPE | SUBTYPE | CONSTANT
    | SIGNAL | VARIABLE | COMPONENT | LABEL | LITERAL | UNITS | GROUP | FILE | PROPERTY | SEQUENCE
    ;

disconnection_specification
    : DISCONNECT guarded_signal_specification AFTER expression SEMI
    ;

guarded_signal_specification
    : signal_list COLON type_mark
    ;

signal_list
    : name (COMMA name)*
    | OTHERS
    | ALL
    ;

group_template_declaration
    : GROUP identifier IS LPAREN entity_class_entry (COMMA entity_class_entry)* RPAREN SEMI
    ;

entity_class_entry
    : entity_class BOX?
    ;

// The constituent list `(a, b)` is part of the name, as in a function call.
group_declaration
    : GROUP identifier COLON name SEMI
    ;

// ======================================================================== interfaces (6.5)

generic_clause
    : GENERIC LPAREN generic_list RPAREN SEMI
    ;

generic_list
    : interface_list
    ;

port_clause
    : PORT LPAREN port_list RPAREN SEMI
    ;

port_list
    : interface_list
    ;

interface_list
    : interface_declaration (SEMI interface_declaration)*
    ;

interface_declaration
    : interface_object_declaration
    | interface_type_declaration
    | interface_subprogram_declaration
    | interface_package_declaration
    ;

// Constants, signals, variables and files; the class is optional (generics default to constant, ports to signal).
interface_object_declaration
    : (CONSTANT | SIGNAL | VARIABLE | FILE)? identifier_list COLON interface_mode? subtype_indication BUS? (VARASGN expression)?
    ;

interface_mode
    : IN
    | OUT
    | INOUT
    | BUFFER
    | LINKAGE
    ;

interface_type_declaration
    : TYPE identifier
    ;

interface_subprogram_declaration
    : interface_subprogram_specification (IS interface_subprogram_default)?
    ;

interface_subprogram_specification
    : PROCEDURE designator (PARAMETER? LPAREN formal_parameter_list RPAREN)?
    | (PURE | IMPURE)? FUNCTION designator (PARAMETER? LPAREN formal_parameter_list RPAREN)? RETURN type_mark
    ;

interface_subprogram_default
    : name
    | BOX
    ;

interface_package_declaration
    : PACKAGE identifier IS NEW name generic_map_aspect
    ;

generic_map_aspect
    : GENERIC MAP LPAREN association_list RPAREN
    ;

port_map_aspect
    : PORT MAP LPAREN association_list RPAREN
    ;

association_list
    : association_element (COMMA association_element)*
    ;

// formal => actual, or a positional actual. The formal may be a conversion `to_integer(f)`.
association_element
    : formal_part ARROW actual_part
    | actual_part
    ;

formal_part
    : name
    ;

// `open`, `<>` and `default` appear in generic maps of generic packages and subprograms.
actual_part
    : OPEN
    | BOX
    | DEFAULT
    | INERTIAL expression
    | expression (direction expression | range_constraint)?     // a discrete range, inlined: one node less per actual
    ;

// ======================================================================== names (8)

// The prefix (an identifier or an external name) is a direct child: one node less per name (issue #3).
name
    : (identifier | external_name) name_suffix*
    ;

name_suffix
    : DOT suffix                                        // selected name
    | LPAREN association_list RPAREN                    // call, index, slice or conversion
    | signature? TICK attribute_designator              // attribute name
    | TICK aggregate                                    // qualified expression
    ;

suffix
    : identifier
    | CHARACTER_LITERAL
    | STRING_LITERAL
    | ALL
    ;

// Reserved words that are also predefined attribute names.
attribute_designator
    : identifier
    | RANGE
    | SUBTYPE
    ;

external_name
    : DOUBLE_LESS (CONSTANT | SIGNAL | VARIABLE) external_pathname COLON subtype_indication DOUBLE_GREATER
    ;

external_pathname
    : AT pathname_element (DOT pathname_element)*                     // package pathname
    | DOT pathname_element (DOT pathname_element)*                    // absolute pathname
    | (CARET DOT)* pathname_element (DOT pathname_element)*           // relative pathname
    ;

pathname_element
    : identifier (LPAREN expression RPAREN)?
    ;

selected_name
    : identifier (DOT identifier)*
    ;

simple_name
    : identifier
    | STRING_LITERAL
    | CHARACTER_LITERAL
    ;

identifier
    : BASIC_IDENTIFIER
    | EXTENDED_IDENTIFIER
    ;

identifier_list
    : identifier (COMMA identifier)*
    ;

// ======================================================================== expressions (9)

// `??` applies the condition operator explicitly; a condition is any expression.
// The standard's levels (logical expression, relation, shift expression, simple expression, term, factor, primary)
// are folded so that an operand costs two nodes (expression, simple expression) above its name or literal instead
// of eight (parse throughput, issue #3). The language is the same: an expression is relations joined by logical
// operators; a relation is at most one relational operator between shift expressions, a shift expression at most
// one shift operator between simple expressions. A simple expression lists its factors with their adding and
// multiplying operators in order (multiplying ones bind tighter, so the terms can be read off the list); a factor's
// `**`, `abs`, `not` or unary logical operator (the 2008 reduction operators: `and v`, `xor v`) sits beside its
// operands. The standard forbids mixing different logical operators without parentheses; that is checked later.
expression
    : CONDITION_OPERATOR primary
    | simple_expression (shift_operator simple_expression)? (relational_operator simple_expression (shift_operator simple_expression)?)?
      (logical_operator simple_expression (shift_operator simple_expression)? (relational_operator simple_expression (shift_operator simple_expression)?)?)*
    ;

condition
    : expression
    ;

logical_operator
    : AND | OR | NAND | NOR | XOR | XNOR
    ;

relational_operator
    : EQ | NE | LT | LE | GT | GE | MATCH_EQ | MATCH_NE | MATCH_LT | MATCH_LE | MATCH_GT | MATCH_GE
    ;

shift_operator
    : SLL | SRL | SLA | SRA | ROL | ROR
    ;

// sign? factor {(adding_operator | multiplying_operator) factor}, where
// factor ::= primary [** primary] | (abs | not | logical_operator) primary, with each primary written out inline.
simple_expression
    : (PLUS | MINUS)?
      ((name | literal | aggregate | allocator) (DOUBLESTAR (name | literal | aggregate | allocator))? | (ABS | NOT | logical_operator) (name | literal | aggregate | allocator))
      ((adding_operator | multiplying_operator)
       ((name | literal | aggregate | allocator) (DOUBLESTAR (name | literal | aggregate | allocator))? | (ABS | NOT | logical_operator) (name | literal | aggregate | allocator)))*
    ;

adding_operator
    : PLUS | MINUS | AMPERSAND
    ;

multiplying_operator
    : STAR | SLASH | MOD | REM
    ;

primary
    : name
    | literal
    | aggregate
    | allocator
    ;

literal
    : physical_literal
    | DECIMAL_LITERAL
    | BASED_LITERAL
    | CHARACTER_LITERAL
    | STRING_LITERAL
    | BIT_STRING_LITERAL
    | NULL_
    ;

physical_literal
    : (DECIMAL_LITERAL | BASED_LITERAL) identifier
    ;

// Also a parenthesized expression: `(a)` is an aggregate of one positional element.
aggregate
    : LPAREN element_association (COMMA element_association)* RPAREN
    ;

element_association
    : choices (ARROW expression)?
    ;

choices
    : choice (BAR choice)*
    ;

choice
    : OTHERS
    | expression (direction expression | range_constraint)?     // a discrete range, inlined: one node less per choice
    ;

// `new t`, `new t(0 to 3)`, `new t'(value)`: all are names.
allocator
    : NEW name
    ;

// ======================================================================== concurrent statements (11)

concurrent_statement
    : block_statement
    | process_statement
    | component_instantiation_statement
    | concurrent_procedure_call_statement
    | concurrent_assertion_statement
    | concurrent_signal_assignment_statement
    | generate_statement
    | psl_directive
    ;

label
    : identifier
    ;

block_statement
    : label COLON BLOCK (LPAREN condition RPAREN)? IS? block_header block_declarative_part BEGIN block_statement_part END BLOCK simple_name? SEMI
    ;

block_header
    : (generic_clause (generic_map_aspect SEMI)?)? (port_clause (port_map_aspect SEMI)?)?
    ;

block_declarative_part
    : declarative_item*
    ;

block_statement_part
    : concurrent_statement*
    ;

process_statement
    : (label COLON)? POSTPONED? PROCESS (LPAREN process_sensitivity_list RPAREN)? IS? process_declarative_part BEGIN process_statement_part END POSTPONED? PROCESS simple_name? SEMI
    ;

process_sensitivity_list
    : ALL
    | name (COMMA name)*
    ;

process_declarative_part
    : declarative_item*
    ;

process_statement_part
    : sequential_statement*
    ;

// `u1 : comp;` could also be a procedure call; like the standard's tools, it is taken as an instance.
component_instantiation_statement
    : label COLON instantiated_unit generic_map_aspect? port_map_aspect? SEMI
    ;

instantiated_unit
    : COMPONENT? selected_name
    | ENTITY name
    | CONFIGURATION name
    ;

concurrent_procedure_call_statement
    : (label COLON)? POSTPONED? procedure_call SEMI
    ;

procedure_call
    : name
    ;

concurrent_assertion_statement
    : (label COLON)? POSTPONED? assertion SEMI
    ;

concurrent_signal_assignment_statement
    : (label COLON)? POSTPONED? (concurrent_conditional_signal_assignment | concurrent_selected_signal_assignment)
    ;

// Also the simple form: a waveform without `when`.
concurrent_conditional_signal_assignment
    : target LE GUARDED? delay_mechanism? conditional_waveforms SEMI
    ;

concurrent_selected_signal_assignment
    : WITH expression SELECT QUESTION? target LE GUARDED? delay_mechanism? selected_waveforms SEMI
    ;

target
    : name
    | aggregate
    ;

conditional_waveforms
    : waveform (WHEN condition (ELSE waveform (WHEN condition)?)*)?
    ;

selected_waveforms
    : waveform WHEN choices (COMMA waveform WHEN choices)*
    ;

delay_mechanism
    : TRANSPORT
    | (REJECT expression)? INERTIAL
    ;

waveform
    : waveform_element (COMMA waveform_element)*
    | UNAFFECTED
    ;

waveform_element
    : expression (AFTER expression)?
    ;

generate_statement
    : for_generate_statement
    | if_generate_statement
    | case_generate_statement
    ;

for_generate_statement
    : label COLON FOR parameter_specification GENERATE generate_statement_body END GENERATE simple_name? SEMI
    ;

if_generate_statement
    : label COLON IF (label COLON)? condition GENERATE generate_statement_body
      (ELSIF (label COLON)? condition GENERATE generate_statement_body)*
      (ELSE (label COLON)? GENERATE generate_statement_body)?
      END GENERATE simple_name? SEMI
    ;

case_generate_statement
    : label COLON CASE expression GENERATE case_generate_alternative+ END GENERATE simple_name? SEMI
    ;

case_generate_alternative
    : WHEN (label COLON)? choices ARROW generate_statement_body
    ;

generate_statement_body
    : (block_declarative_part BEGIN)? concurrent_statement* (END simple_name? SEMI)?
    ;

// ======================================================================== sequential statements (10)

sequential_statement
    : wait_statement
    | assertion_statement
    | report_statement
    | signal_assignment_statement
    | variable_assignment_statement
    | procedure_call_statement
    | if_statement
    | case_statement
    | loop_statement
    | next_statement
    | exit_statement
    | return_statement
    | null_statement
    ;

wait_statement
    : (label COLON)? WAIT (ON name (COMMA name)*)? (UNTIL condition)? (FOR expression)? SEMI
    ;

assertion_statement
    : (label COLON)? assertion SEMI
    ;

assertion
    : ASSERT condition (REPORT expression)? (SEVERITY expression)?
    ;

report_statement
    : (label COLON)? REPORT expression (SEVERITY expression)? SEMI
    ;

// Simple, conditional, selected, force and release assignments (10.5).
signal_assignment_statement
    : (label COLON)? target LE signal_assignment_right_hand_side SEMI
    | (label COLON)? WITH expression SELECT QUESTION? target LE selected_signal_right_hand_side SEMI
    ;

signal_assignment_right_hand_side
    : delay_mechanism? conditional_waveforms
    | FORCE force_mode? conditional_expressions
    | RELEASE force_mode?
    ;

selected_signal_right_hand_side
    : delay_mechanism? selected_waveforms
    | FORCE force_mode? selected_expressions
    ;

force_mode
    : IN
    | OUT
    ;

variable_assignment_statement
    : (label COLON)? target VARASGN conditional_expressions SEMI
    | (label COLON)? WITH expression SELECT QUESTION? target VARASGN selected_expressions SEMI
    ;

conditional_expressions
    : expression (WHEN condition (ELSE expression (WHEN condition)?)*)?
    ;

selected_expressions
    : expression WHEN choices (COMMA expression WHEN choices)*
    ;

procedure_call_statement
    : (label COLON)? procedure_call SEMI
    ;

if_statement
    : (label COLON)? IF condition THEN sequence_of_statements
      (ELSIF condition THEN sequence_of_statements)*
      (ELSE sequence_of_statements)?
      END IF simple_name? SEMI
    ;

sequence_of_statements
    : sequential_statement*
    ;

case_statement
    : (label COLON)? CASE QUESTION? expression IS case_statement_alternative+ END CASE QUESTION? simple_name? SEMI
    ;

case_statement_alternative
    : WHEN choices ARROW sequence_of_statements
    ;

loop_statement
    : (label COLON)? iteration_scheme? LOOP sequence_of_statements END LOOP simple_name? SEMI
    ;

iteration_scheme
    : WHILE condition
    | FOR parameter_specification
    ;

parameter_specification
    : identifier IN discrete_range
    ;

next_statement
    : (label COLON)? NEXT simple_name? (WHEN condition)? SEMI
    ;

exit_statement
    : (label COLON)? EXIT simple_name? (WHEN condition)? SEMI
    ;

return_statement
    : (label COLON)? RETURN expression? SEMI
    ;

null_statement
    : (label COLON)? NULL_ SEMI
    ;

// ======================================================================== embedded PSL (1076-2008 annex, IEEE 1850)

// PSL is kept as a balanced token sequence: enough to find the directive, its label and its report, and to
// skip it without errors. A plain `assert cond` is a VHDL concurrent assertion; only what VHDL cannot read
// (`assert always a -> b @rising_edge(clk)`) lands here.
psl_directive
    : (label COLON)? psl_verification_keyword psl_expression (REPORT expression)? (SEVERITY expression)? SEMI
    ;

psl_verification_keyword
    : ASSERT | ASSUME | ASSUME_GUARANTEE | RESTRICT | RESTRICT_GUARANTEE | COVER | FAIRNESS | STRONG FAIRNESS
    ;

// `default clock is rising_edge(clk);`, `property p is always a -> next b;`, `sequence s is {a; b};`
psl_declaration
    : DEFAULT identifier IS psl_expression SEMI
    | (PROPERTY | SEQUENCE) identifier psl_element* IS psl_expression SEMI
    ;

psl_expression
    : psl_element+
    ;

psl_element
    : LPAREN psl_nested_element* RPAREN
    | LBRACE psl_nested_element* RBRACE
    | LBRACKET psl_nested_element* RBRACKET
    | ~(SEMI | IS | REPORT | SEVERITY | LPAREN | RPAREN | LBRACE | RBRACE | LBRACKET | RBRACKET | END | BEGIN)
    ;

// Inside brackets a semicolon separates sequence elements.
psl_nested_element
    : psl_element
    | SEMI
    | IS
    ;
