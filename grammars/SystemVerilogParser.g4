// SystemVerilog parser, written for this project from IEEE 1800-2017 Annex A (which includes Verilog 1364-2005).
//
// Rule names follow the standard's productions so that later layers can navigate the tree by name
// (module_declaration, ansi_port_declaration, always_construct, ...). Where the standard is ambiguous or needs
// semantic information (is `foo` a type, a module, a variable?), the grammar is deliberately a little more
// permissive and leaves the check to the design model:
//   - one item rule (module_item) serves modules, interfaces, programs, checkers, packages, generate blocks
//     and the compilation-unit scope;
//   - variable_lvalue is a primary; sequence_expr and property_expr are one rule (property_expr);
//   - names, selects, member accesses and calls are postfix operators of primary.
// The grammar is shaped for SLL prediction: alternatives that share a long prefix are factored, and the
// expression and property rules are single left-recursive rules with precedence levels.
//
// Undefined macros reach the parser as one DIRECTIVE token followed by their parenthesised arguments
// (macro_usage); they are accepted as primaries, statements, items and port/parameter list entries.
parser grammar SystemVerilogParser;

options { tokenVocab = SystemVerilogLexer; contextSuperClass = Hdl.Syntax.Parsing.CompactRuleContext; }

// ======================================================================================================
// A.1.2 SystemVerilog source text
// ======================================================================================================

source_text
    : description* EOF
    ;

description
    : udp_declaration
    | config_declaration
    | library_declaration
    | include_statement
    | module_item
    ;

module_keyword
    : 'module'
    | 'macromodule'
    ;

module_header
    : attribute_instance* module_keyword lifetime? identifier package_import_declaration* parameter_port_list? module_port_list? ';'
    ;

// A module's ports: non-ANSI names, ANSI declarations, or `(.*)`. A list of bare names is non-ANSI.
module_port_list
    : list_of_ports
    | list_of_port_declarations
    | '(' '.*' ')'
    ;

module_declaration
    : module_header timeunits_declaration? module_item* 'endmodule' end_label?
    | 'extern' module_header
    ;

interface_header
    : attribute_instance* 'interface' lifetime? identifier package_import_declaration* parameter_port_list? module_port_list? ';'
    ;

interface_declaration
    : interface_header timeunits_declaration? module_item* 'endinterface' end_label?
    | 'extern' interface_header
    ;

program_header
    : attribute_instance* 'program' lifetime? identifier package_import_declaration* parameter_port_list? module_port_list? ';'
    ;

program_declaration
    : program_header timeunits_declaration? module_item* 'endprogram' end_label?
    | 'extern' program_header
    ;

checker_declaration
    : 'checker' identifier ('(' (checker_port_item (',' checker_port_item)*)? ')')? ';' module_item* 'endchecker' end_label?
    ;

checker_port_item
    : attribute_instance* port_direction? property_port_item
    ;

package_declaration
    : attribute_instance* 'package' lifetime? identifier ';' timeunits_declaration? module_item* 'endpackage' end_label?
    ;

// A.1.2: class_declaration
class_declaration
    : 'virtual'? 'class' lifetime? identifier parameter_port_list?
      ('extends' class_type ('(' (list_of_arguments | 'default') ')')?)?
      ('implements' class_type (',' class_type)*)? ';'
      class_item* 'endclass' end_label?
    ;

interface_class_declaration
    : 'interface' 'class' identifier parameter_port_list? ('extends' class_type (',' class_type)*)? ';'
      class_item* 'endclass' end_label?
    ;

timeunits_declaration
    : 'timeunit' time_literal ('/' time_literal)? ';'
    | 'timeprecision' time_literal ';'
    ;

time_literal
    : TIME_LITERAL
    | UNSIGNED_NUMBER
    | REAL_NUMBER
    ;

end_label
    : ':' (identifier | 'new')
    ;

// ======================================================================================================
// A.1.1 Library source text (library map files are accepted loosely: their file paths are not SV tokens)
// ======================================================================================================

library_declaration
    : 'library' identifier (~';')* ';'
    ;

include_statement
    : 'include' (~';')+ ';'
    ;

// ======================================================================================================
// A.1.3 Module parameters and ports
// ======================================================================================================

parameter_port_list
    : '#' '(' (parameter_port_declaration (',' parameter_port_declaration)*)? ')'
    ;

// One entry of `#( ... )`; an entry without a keyword continues the previous one (`parameter A = 1, B = 2`).
parameter_port_declaration
    : ('parameter' | 'localparam') ('type' param_assignment | data_type_or_implicit? param_assignment)
    | 'type' param_assignment
    | data_type param_assignment
    | param_assignment
    | macro_usage
    ;

list_of_ports
    : '(' port (',' port)* ')'
    ;

list_of_port_declarations
    : '(' (ansi_port_declaration (',' ansi_port_declaration)*)? ')'
    ;

port
    : port_expression?
    | '.' identifier '(' port_expression? ')'
    ;

port_expression
    : port_reference
    | '{' port_reference (',' port_reference)* '}'
    ;

port_reference
    : identifier ('[' constant_range_or_index ']')*
    ;

port_direction
    : 'input'
    | 'output'
    | 'inout'
    | 'ref'
    ;

// Non-ANSI port declaration: `input wire [3:0] a, b;` or an interface port `bus.master m;`.
port_declaration
    : attribute_instance* port_direction (net_type | 'var' | 'interconnect')? data_type_or_implicit? list_of_port_identifiers
    | attribute_instance* identifier '.' identifier list_of_port_identifiers
    ;

list_of_port_identifiers
    : port_identifier_item (',' port_identifier_item)*
    ;

port_identifier_item
    : identifier variable_dimension* ('=' expression)?
    ;

// A.1.3: ansi_port_declaration. The header is optional: a port without one inherits the previous port's.
ansi_port_declaration
    : attribute_instance* ansi_port_header? identifier variable_dimension* ('=' expression)?
    | attribute_instance* port_direction? '.' identifier '(' expression? ')'
    | macro_usage
    ;

ansi_port_header
    : interface_port_header
    | port_direction (net_type | 'var' | 'interconnect')? data_type_or_implicit?
    | (net_type | 'var' | 'interconnect') data_type_or_implicit?
    | data_type
    ;

interface_port_header
    : identifier '.' identifier
    | 'interface' ('.' identifier)?
    ;

// ======================================================================================================
// A.1.4 Module items (one rule for every design element body and for generate blocks)
// ======================================================================================================

module_item
    : attribute_instance* module_item_declaration
    | ';'
    ;

module_item_declaration
    : port_declaration ';'
    | module_declaration
    | interface_declaration
    | program_declaration
    | checker_declaration
    | package_declaration
    | class_declaration
    | interface_class_declaration
    | covergroup_declaration
    | generate_region
    | specify_block
    | specparam_declaration
    | timeunits_declaration
    | parameter_override
    | gate_instantiation
    | net_declaration
    | data_declaration
    | module_instantiation
    | task_declaration
    | function_declaration
    | extern_tf_declaration
    | dpi_import_export
    | extern_constraint_declaration
    | local_parameter_declaration ';'
    | parameter_declaration ';'
    | property_declaration
    | sequence_declaration
    | let_declaration
    | genvar_declaration
    | clocking_declaration
    | default_clocking_or_disable
    | assertion_item
    | bind_directive
    | continuous_assign
    | net_alias
    | initial_construct
    | final_construct
    | always_construct
    | loop_generate_construct
    | conditional_generate_construct
    | elaboration_system_task
    | modport_declaration
    | package_export_declaration
    | 'rand' data_declaration
    | macro_usage ';'?
    ;

default_clocking_or_disable
    : 'default' 'clocking' identifier ';'
    | 'default' 'disable' 'iff' expression_or_dist ';'
    ;

// Interface `extern [forkjoin] task ...;` prototypes.
extern_tf_declaration
    : 'extern' 'forkjoin'? (task_prototype | function_prototype) ';'
    ;

parameter_override
    : 'defparam' defparam_assignment (',' defparam_assignment)* ';'
    ;

defparam_assignment
    : hierarchical_identifier '=' mintypmax_expression
    ;

bind_directive
    : 'bind' hierarchical_identifier (':' hierarchical_identifier (',' hierarchical_identifier)*)? module_instantiation
    ;

elaboration_system_task
    : SYSTEM_TF_IDENTIFIER ('(' list_of_arguments ')')? ';'
    ;

// ======================================================================================================
// A.1.5 Configuration source text
// ======================================================================================================

config_declaration
    : 'config' identifier ';' (local_parameter_declaration ';')* design_statement config_rule_statement* 'endconfig' end_label?
    ;

design_statement
    : 'design' (identifier ('.' identifier)?)* ';'
    ;

config_rule_statement
    : 'default' liblist_clause ';'
    | 'instance' hierarchical_identifier (liblist_clause | use_clause) ';'
    | 'cell' (identifier '.')? identifier (liblist_clause | use_clause) ';'
    ;

liblist_clause
    : 'liblist' identifier*
    ;

use_clause
    : 'use' ((identifier '.')? identifier)? use_parameters? (':' 'config')?
    ;

// The BNF lists bare `.P(v)` assignments; the standard's examples (and tools) write them as `#(.P(v))`.
use_parameters
    : '#' '(' named_parameter_assignment (',' named_parameter_assignment)* ')'
    | named_parameter_assignment (',' named_parameter_assignment)*
    ;

named_parameter_assignment
    : '.' identifier '(' param_expression? ')'
    ;

// ======================================================================================================
// A.1.6 Interface items
// ======================================================================================================

modport_declaration
    : 'modport' modport_item (',' modport_item)* ';'
    ;

modport_item
    : identifier '(' (modport_port (',' modport_port)*)? ')'
    ;

// Each entry may restate its direction; entries without one continue the previous direction.
modport_port
    : attribute_instance* port_direction? modport_simple_port
    | attribute_instance* ('import' | 'export') (task_prototype | function_prototype | identifier)
    | attribute_instance* 'clocking' identifier
    ;

modport_simple_port
    : identifier
    | '.' identifier '(' expression? ')'
    ;

// ======================================================================================================
// A.1.9 Class items
// ======================================================================================================

class_item
    : attribute_instance* class_property
    | attribute_instance* class_method
    | attribute_instance* class_constraint
    | attribute_instance* class_declaration
    | attribute_instance* interface_class_declaration
    | attribute_instance* covergroup_declaration
    | local_parameter_declaration ';'
    | parameter_declaration ';'
    | ';'
    | macro_usage ';'?
    ;

class_property
    : property_qualifier* data_declaration
    ;

property_qualifier
    : 'const'
    | 'rand'
    | 'randc'
    | 'static'
    | 'protected'
    | 'local'
    ;

class_method
    : 'pure' 'virtual' method_qualifier* (task_prototype | function_prototype) ';'
    | 'extern' method_qualifier* (task_prototype | function_prototype) ';'
    | method_qualifier* (task_declaration | function_declaration)
    ;

method_qualifier
    : 'virtual'
    | 'static'
    | 'protected'
    | 'local'
    ;

class_constraint
    : ('extern' | 'pure')? 'static'? 'constraint' identifier ';'
    | 'static'? 'constraint' identifier constraint_block
    ;

// A constraint body written outside its class: `constraint C::c { ... }`.
extern_constraint_declaration
    : 'static'? 'constraint' class_scope identifier constraint_block
    ;

class_scope
    : class_type '::'
    ;

// ======================================================================================================
// A.1.10 Constraints
// ======================================================================================================

constraint_block
    : '{' constraint_block_item* '}'
    ;

constraint_block_item
    : 'solve' solve_before_list 'before' solve_before_list ';'
    | constraint_expression
    ;

solve_before_list
    : primary (',' primary)*
    ;

constraint_expression
    : 'soft'? expression_or_dist ';'
    | 'unique' '{' open_range_list '}' ';'
    | expression '->' constraint_set
    | 'if' '(' expression ')' constraint_set ('else' constraint_set)?
    | 'foreach' '(' foreach_array ')' constraint_set
    | 'disable' 'soft' primary ';'
    | macro_usage ';'?
    ;

constraint_set
    : '{' constraint_block_item* '}'
    | constraint_expression
    ;

dist_list
    : dist_item (',' dist_item)*
    ;

dist_item
    : value_range dist_weight?
    | 'default' ':' '/' expression
    ;

dist_weight
    : ':=' expression
    | ':' '/' expression
    ;

// ======================================================================================================
// A.1.11 Package items
// ======================================================================================================

package_import_declaration
    : 'import' package_import_item (',' package_import_item)* ';'
    ;

package_import_item
    : identifier '::' (identifier | '*')
    ;

package_export_declaration
    : 'export' '*' '::' '*' ';'
    | 'export' package_import_item (',' package_import_item)* ';'
    ;

genvar_declaration
    : 'genvar' identifier (',' identifier)* ';'
    ;

// ======================================================================================================
// A.2.1 Declaration types
// ======================================================================================================

local_parameter_declaration
    : 'localparam' 'type' list_of_param_assignments
    | 'localparam' data_type_or_implicit? list_of_param_assignments
    ;

parameter_declaration
    : 'parameter' 'type' list_of_param_assignments
    | 'parameter' data_type_or_implicit? list_of_param_assignments
    ;

specparam_declaration
    : 'specparam' packed_dimension? specparam_assignment (',' specparam_assignment)* ';'
    ;

specparam_assignment
    : identifier '=' mintypmax_expression
    | identifier '=' '(' mintypmax_expression (',' mintypmax_expression)? ')'
    ;

// A.2.1.3
data_declaration
    : 'const'? 'var' lifetime? data_type_or_implicit? list_of_variable_decl_assignments ';'
    | 'const'? lifetime? data_type list_of_variable_decl_assignments ';'
    | type_declaration
    | package_import_declaration
    | net_type_declaration
    ;

type_declaration
    : 'typedef' data_type identifier variable_dimension* ';'
    | 'typedef' identifier ('[' expression ']')? '.' identifier identifier ';'
    | 'typedef' ('enum' | 'struct' | 'union' | 'class' | 'interface' 'class')? identifier ';'
    ;

net_type_declaration
    : 'nettype' data_type identifier ('with' (class_scope)? identifier)? ';'
    ;

lifetime
    : 'static'
    | 'automatic'
    ;

// A.2.1.3 `net_type ... data_type_or_implicit [delay3]`, written so that no type name is directly followed by the
// delay: SLL prediction has no caller context, so a `#` that may follow a type here would make every optional
// parameter list of a type name anywhere (`uvm_port #(item) p;`) be read to its end to tell parameters from delay.
// A `#` right after a type name always began its parameters (greedy), so the language is unchanged:
//   `wire T w` and `wire T #(8) w`: class_type (the `#...` is T's parameters);
//   `wire logic [3:0] #(1,2) w`, `wire [7:0] #5 w`, `wire T [1:0] #5 w`: net_data_type, then the delay;
//   `wire T #(8) #5 w`: parameterized_net_type, then the delay.
net_declaration
    : net_type (drive_strength | charge_strength)? ('vectored' | 'scalared')? (
        class_type
        | parameterized_net_type delay3
        | net_data_type? delay3?
    ) list_of_net_decl_assignments ';'
    | 'interconnect' implicit_data_type? ('#' delay_value)? list_of_net_decl_assignments ';'
    ;

// The data type of a net that a delay may follow: everything data_type_or_implicit allows except a type name
// ending the type (that is class_type or parameterized_net_type in net_declaration).
net_data_type
    : keyword_data_type
    | implicit_data_type
    | type_reference packed_dimension*
    | class_type packed_dimension+
    ;

// A type name whose last segment has parameters (class_type's shape, for the `#` that follows it in a net).
parameterized_net_type
    : ('$unit' '::' | 'local' '::')? (identifier parameter_value_assignment? '::')* identifier parameter_value_assignment
    ;

list_of_net_decl_assignments
    : net_decl_assignment (',' net_decl_assignment)*
    ;

net_decl_assignment
    : identifier unpacked_dimension* ('=' expression)?
    ;

// ======================================================================================================
// A.2.2 Declaration data types
// ======================================================================================================

data_type
    : integer_vector_type signing? packed_dimension*
    | integer_atom_type signing?
    | non_integer_type
    | struct_union ('packed' signing?)? '{' struct_union_member* '}' packed_dimension*
    | 'enum' enum_base_type? '{' enum_name_declaration (',' enum_name_declaration)* '}' packed_dimension*
    | 'string'
    | 'chandle'
    | 'virtual' 'interface'? identifier parameter_value_assignment? ('.' identifier)?
    | 'event'
    | type_reference packed_dimension*
    | class_type packed_dimension*
    ;

// The data types that start with a keyword (everything but a possibly scoped or parameterized type name).
keyword_data_type
    : integer_vector_type signing? packed_dimension*
    | integer_atom_type signing?
    | non_integer_type
    | struct_union ('packed' signing?)? '{' struct_union_member* '}' packed_dimension*
    | 'enum' enum_base_type? '{' enum_name_declaration (',' enum_name_declaration)* '}' packed_dimension*
    | 'string'
    | 'chandle'
    | 'virtual' 'interface'? identifier parameter_value_assignment? ('.' identifier)?
    | 'event'
    ;

// A user-defined, package-scoped or class-scoped type name, possibly parameterized: `T`, `pkg::T`, `C#(8)::T`.
class_type
    : ('$unit' '::' | 'local' '::')? identifier parameter_value_assignment? ('::' identifier parameter_value_assignment?)*
    ;

data_type_or_implicit
    : data_type
    | implicit_data_type
    ;

implicit_data_type
    : signing packed_dimension*
    | packed_dimension+
    ;

data_type_or_void
    : data_type
    | 'void'
    ;

enum_base_type
    : integer_atom_type signing?
    | integer_vector_type signing? packed_dimension?
    | identifier packed_dimension?
    ;

enum_name_declaration
    : identifier ('[' expression (':' expression)? ']')? ('=' expression)?
    ;

integer_type
    : integer_vector_type
    | integer_atom_type
    ;

integer_atom_type
    : 'byte'
    | 'shortint'
    | 'int'
    | 'longint'
    | 'integer'
    | 'time'
    ;

integer_vector_type
    : 'bit'
    | 'logic'
    | 'reg'
    ;

non_integer_type
    : 'shortreal'
    | 'real'
    | 'realtime'
    ;

net_type
    : 'supply0' | 'supply1' | 'tri' | 'triand' | 'trior' | 'trireg' | 'tri0' | 'tri1' | 'uwire' | 'wire' | 'wand' | 'wor'
    ;

signing
    : 'signed'
    | 'unsigned'
    ;

struct_union
    : 'struct'
    | 'union' ('tagged' | 'soft')?
    ;

struct_union_member
    : attribute_instance* ('rand' | 'randc')? data_type_or_void list_of_variable_decl_assignments ';'
    | macro_usage ';'?
    ;

type_reference
    : 'type' '(' (expression | data_type) ')'
    ;

// A.2.2.2 Strengths
drive_strength
    : '(' strength (',' strength)? ')'
    ;

strength
    : 'supply0' | 'strong0' | 'pull0' | 'weak0' | 'highz0'
    | 'supply1' | 'strong1' | 'pull1' | 'weak1' | 'highz1'
    ;

charge_strength
    : '(' ('small' | 'medium' | 'large') ')'
    ;

// A.2.2.3 Delays
delay3
    : '#' delay_value
    | '#' '(' mintypmax_expression (',' mintypmax_expression (',' mintypmax_expression)?)? ')'
    ;

delay_value
    : UNSIGNED_NUMBER
    | REAL_NUMBER
    | TIME_LITERAL
    | '1step'
    | identifier (('::' | '.') identifier)*
    | macro_usage
    ;

// ======================================================================================================
// A.2.3 Declaration lists, A.2.4 assignments
// ======================================================================================================

list_of_param_assignments
    : param_assignment (',' param_assignment)*
    ;

// Also serves type parameters: the value of `type T = int` is a data type.
param_assignment
    : identifier variable_dimension* ('=' param_expression)?
    ;

// A name is read as an expression; only types that cannot be expressions take the data_type path, so that
// prediction needs no lookahead to choose between the two.
param_expression
    : mintypmax_expression
    | keyword_data_type
    ;

list_of_variable_decl_assignments
    : variable_decl_assignment (',' variable_decl_assignment)*
    ;

variable_decl_assignment
    : identifier variable_dimension* ('=' expression)?
    ;

// ======================================================================================================
// A.2.5 Declaration ranges
// ======================================================================================================

unpacked_dimension
    : '[' expression (':' expression)? ']'
    ;

packed_dimension
    : '[' expression ':' expression ']'
    | '[' ']'
    ;

// Unpacked, unsized `[]`, associative `[*]` / `[type]`, and queue `[$]` / `[$:N]` dimensions.
variable_dimension
    : '[' ']'
    | '[' '*' ']'
    | '[' expression (':' expression)? ']'
    | '[' data_type ']'
    ;

constant_range_or_index
    : expression ((':' | '+:' | '-:') expression)?
    ;

// ======================================================================================================
// A.2.6 Function declarations, A.2.7 task declarations
// ======================================================================================================

function_declaration
    : 'function' lifetime? function_return_type? function_name ('(' tf_port_list? ')')? ';'
      tf_item_declaration* statement_or_null* 'endfunction' end_label?
    ;

function_return_type
    : data_type_or_void
    | implicit_data_type
    ;

// `f`, `new`, `C::f`, `C#(T)::new`, or an interface method `intf.f`.
function_name
    : (identifier parameter_value_assignment? '::')* (identifier | 'new')
    | identifier '.' identifier
    ;

function_prototype
    : 'function' lifetime? function_return_type? function_name ('(' tf_port_list? ')')?
    ;

task_declaration
    : 'task' lifetime? function_name ('(' tf_port_list? ')')? ';'
      tf_item_declaration* statement_or_null* 'endtask' end_label?
    ;

task_prototype
    : 'task' lifetime? function_name ('(' tf_port_list? ')')?
    ;

dpi_import_export
    : 'import' STRING_LITERAL ('context' | 'pure')? (identifier '=')? (function_prototype | task_prototype) ';'
    | 'export' STRING_LITERAL (identifier '=')? ('function' | 'task') identifier ';'
    ;

tf_item_declaration
    : block_item_declaration
    | tf_port_declaration
    ;

tf_port_list
    : tf_port_item (',' tf_port_item)*
    ;

// A port without a name (`int` in a prototype) is allowed; `(a)` names a port `a` of the previous type.
tf_port_item
    : attribute_instance* tf_port_direction? 'var'? (data_type_or_implicit? identifier variable_dimension* ('=' expression)? | data_type)
    | macro_usage
    ;

tf_port_direction
    : port_direction
    | 'const' 'ref'
    | 'ref' 'static'
    ;

tf_port_declaration
    : attribute_instance* tf_port_direction 'var'? data_type_or_implicit? list_of_port_identifiers ';'
    ;

// ======================================================================================================
// A.2.8 Block item declarations
// ======================================================================================================

block_item_declaration
    : attribute_instance* data_declaration
    | attribute_instance* local_parameter_declaration ';'
    | attribute_instance* parameter_declaration ';'
    | attribute_instance* let_declaration
    ;

// ======================================================================================================
// A.2.10 Assertion declarations
// ======================================================================================================

// A.2.10: concurrent_assertion_item and deferred immediate assertions outside procedures.
assertion_item
    : (identifier ':')? (concurrent_assertion_statement | immediate_assertion_statement)
    ;

concurrent_assertion_statement
    : ('assert' | 'assume') 'property' '(' property_spec ')' action_block
    | 'cover' 'property' '(' property_spec ')' statement_or_null
    | 'cover' 'sequence' '(' property_spec ')' statement_or_null
    | 'restrict' 'property' '(' property_spec ')' ';'
    ;

immediate_assertion_statement
    : ('assert' | 'assume') deferral? '(' expression ')' action_block
    | 'cover' deferral? '(' expression ')' statement_or_null
    ;

deferral
    : '#' UNSIGNED_NUMBER
    | 'final'
    ;

// The pass statement before `else` is not a statement_or_null on purpose: otherwise, under SLL prediction, every
// `if ... else` would see this `else` in the global follow of a statement and look ahead to the end of the
// else branch before deciding (the dangling-else decision then costs one DFA path per if statement).
action_block
    : statement_or_null
    | 'else' statement_or_null
    | action_pass_statement 'else' statement_or_null
    ;

action_pass_statement
    : (identifier ':')? attribute_instance* (seq_block | subroutine_call_statement | blocking_assignment ';' | nonblocking_assignment ';' | macro_usage ';'?)
    ;

property_declaration
    : 'property' identifier ('(' (property_port_item (',' property_port_item)*)? ')')? ';'
      assertion_variable_declaration* property_spec ';'? 'endproperty' end_label?
    ;

property_port_item
    : attribute_instance* ('local' port_direction?)? property_formal_type? identifier variable_dimension* ('=' property_actual_arg)?
    ;

property_formal_type
    : 'sequence'
    | 'property'
    | 'untyped'
    | 'event'
    | data_type_or_implicit
    ;

property_actual_arg
    : property_expr
    ;

assertion_variable_declaration
    : data_type list_of_variable_decl_assignments ';'
    ;

property_spec
    : clocking_event? ('disable' 'iff' '(' expression_or_dist ')')? property_expr
    ;

sequence_declaration
    : 'sequence' identifier ('(' (property_port_item (',' property_port_item)*)? ')')? ';'
      assertion_variable_declaration* property_expr ';'? 'endsequence' end_label?
    ;

// Sequence and property expressions (A.2.10) in one rule, by the precedence of 1800-2017 Table 16-3
// (highest first). A sequence is a property, so sequence_expr is not a separate rule.
property_expr
    : property_expr sequence_abbrev
    | property_expr cycle_delay_range property_expr
    | cycle_delay_range property_expr
    | <assoc = right> property_expr 'throughout' property_expr
    | property_expr 'within' property_expr
    | property_expr 'intersect' property_expr
    | ('not' | ('nexttime' | 's_nexttime') ('[' expression ']')?) property_expr
    | property_expr 'and' property_expr
    | property_expr 'or' property_expr
    | <assoc = right> property_expr 'iff' property_expr
    | <assoc = right> property_expr ('until' | 's_until' | 'until_with' | 's_until_with' | 'implies') property_expr
    | <assoc = right> property_expr ('|->' | '|=>' | '#-#' | '#=#') property_expr
    | property_operator_prefix property_expr
    | clocking_event property_expr
    | 'if' '(' expression_or_dist ')' property_expr ('else' property_expr)?
    | 'case' '(' expression_or_dist ')' property_case_item+ 'endcase'
    | ('strong' | 'weak') '(' property_expr ')'
    | 'first_match' '(' property_expr (',' sequence_match_item)* ')'
    | '(' property_expr (',' sequence_match_item)* ')'
    | expression_or_dist
    ;

property_operator_prefix
    : ('always' | 's_always' | 'eventually' | 's_eventually') ('[' cycle_delay_const_range ']')?
    | ('accept_on' | 'reject_on' | 'sync_accept_on' | 'sync_reject_on') '(' expression_or_dist ')'
    ;

property_case_item
    : expression_or_dist (',' expression_or_dist)* ':' property_expr ';'
    | 'default' ':'? property_expr ';'
    ;

cycle_delay_range
    : '##' (UNSIGNED_NUMBER | identifier | '(' expression ')')
    | '##' '[' (cycle_delay_const_range | '*' | '+') ']'
    ;

cycle_delay_const_range
    : expression (':' expression)?
    ;

// Consecutive `[*n]`, `[*]`, `[+]`, non-consecutive `[=n]` and goto `[->n]` repetition.
sequence_abbrev
    : '[' '*' cycle_delay_const_range? ']'
    | '[' '+' ']'
    | '[' ('=' | '->') cycle_delay_const_range ']'
    ;

sequence_match_item
    : variable_lvalue assignment_operator expression
    | expression
    ;

expression_or_dist
    : expression ('dist' '{' dist_list '}')?
    ;

let_declaration
    : 'let' identifier ('(' (let_port_item (',' let_port_item)*)? ')')? '=' expression ';'
    ;

let_port_item
    : attribute_instance* ('untyped' | data_type_or_implicit)? identifier variable_dimension* ('=' expression)?
    ;

// ======================================================================================================
// A.2.11 Covergroup declarations
// ======================================================================================================

covergroup_declaration
    : 'covergroup' identifier ('(' tf_port_list? ')')? coverage_event? ';' coverage_spec_or_option* 'endgroup' end_label?
    ;

coverage_event
    : clocking_event
    | 'with' 'function' identifier '(' tf_port_list? ')'
    | '@@' '(' block_event_expression ')'
    ;

block_event_expression
    : block_event_expression 'or' block_event_expression
    | ('begin' | 'end') hierarchical_identifier
    ;

coverage_spec_or_option
    : attribute_instance* cover_point
    | attribute_instance* cover_cross
    | attribute_instance* coverage_option ';'
    | macro_usage ';'?
    ;

// `option.name = value` and `type_option.name = value`.
coverage_option
    : identifier '.' identifier '=' expression
    ;

cover_point
    : (data_type_or_implicit? identifier ':')? 'coverpoint' expression ('iff' '(' expression ')')? bins_or_empty
    ;

bins_or_empty
    : '{' attribute_instance* (bins_or_options ';')* '}'
    | ';'
    ;

bins_or_options
    : coverage_option
    | 'wildcard'? bins_keyword identifier ('[' expression? ']')? '=' bins_value ('iff' '(' expression ')')?
    ;

bins_keyword
    : 'bins'
    | 'illegal_bins'
    | 'ignore_bins'
    ;

bins_value
    : '{' covergroup_range_list '}' ('with' '(' expression ')')?
    | trans_list
    | 'default' 'sequence'?
    | expression
    ;

covergroup_range_list
    : value_range (',' value_range)*
    ;

trans_list
    : '(' trans_set ')' (',' '(' trans_set ')')*
    ;

trans_set
    : trans_range_list ('=>' trans_range_list)*
    ;

trans_range_list
    : covergroup_range_list ('[' ('*' | '->' | '=') cycle_delay_const_range ']')?
    ;

cover_cross
    : (identifier ':')? 'cross' expression (',' expression)+ ('iff' '(' expression ')')? cross_body
    ;

cross_body
    : '{' cross_body_item* '}'
    | ';'
    ;

cross_body_item
    : function_declaration
    | bins_keyword identifier '=' select_expression ('matches' expression)? ('iff' '(' expression ')')? ';'
    | coverage_option ';'
    ;

select_expression
    : '!' select_expression
    | select_expression '&&' select_expression
    | select_expression '||' select_expression
    | select_expression 'with' '(' expression ')' ('matches' expression)?
    | 'binsof' '(' expression ')' ('intersect' '{' covergroup_range_list '}')?
    | '(' select_expression ')'
    | expression
    ;

// ======================================================================================================
// A.3 Primitive instances
// ======================================================================================================

gate_instantiation
    : gate_type (drive_strength | charge_strength)? delay3? gate_instance (',' gate_instance)* ';'
    ;

gate_type
    : 'cmos' | 'rcmos' | 'bufif0' | 'bufif1' | 'notif0' | 'notif1' | 'nmos' | 'pmos' | 'rnmos' | 'rpmos'
    | 'and' | 'nand' | 'or' | 'nor' | 'xor' | 'xnor' | 'buf' | 'not'
    | 'tranif0' | 'tranif1' | 'rtranif0' | 'rtranif1' | 'tran' | 'rtran' | 'pullup' | 'pulldown'
    ;

gate_instance
    : name_of_instance? '(' expression (',' expression)* ')'
    ;

// ======================================================================================================
// A.4 Instantiations (modules, interfaces, programs, checkers and UDPs share this form)
// ======================================================================================================

module_instantiation
    : identifier parameter_value_assignment? hierarchical_instance (',' hierarchical_instance)* ';'
    ;

// An empty entry after a comma (`#(.A(1), .B(2),)`) is not in 1800-2017; Verilator reads it, and real code has it.
parameter_value_assignment
    : '#' '(' (parameter_assignment (',' parameter_assignment?)*)? ')'
    | '#' delay_value
    ;

// `.NAME` without parentheses is not in 1800-2017 but common (it binds the same-named parameter).
parameter_assignment
    : '.' identifier ('(' param_expression? ')')?
    | param_expression
    ;

hierarchical_instance
    : name_of_instance '(' port_connection (',' port_connection)* ')'
    ;

name_of_instance
    : identifier unpacked_dimension*
    ;

port_connection
    : named_port_connection
    | ordered_port_connection
    ;

// May be empty: `u(a, , b)` leaves the second port unconnected.
ordered_port_connection
    : attribute_instance* expression?
    ;

named_port_connection
    : attribute_instance* '.' identifier ('(' expression? ')')?
    | attribute_instance* '.*'
    ;

// ======================================================================================================
// A.4.2 Generated instantiation
// ======================================================================================================

generate_region
    : 'generate' module_item* 'endgenerate'
    ;

loop_generate_construct
    : 'for' '(' genvar_initialization ';' expression ';' genvar_iteration ')' generate_block
    ;

genvar_initialization
    : 'genvar'? identifier '=' expression
    ;

genvar_iteration
    : identifier (assignment_operator expression | '++' | '--')
    | ('++' | '--') identifier
    ;

conditional_generate_construct
    : 'if' '(' expression ')' generate_block ('else' generate_block)?
    | 'case' '(' expression ')' case_generate_item+ 'endcase'
    ;

case_generate_item
    : expression (',' expression)* ':' generate_block
    | 'default' ':'? generate_block
    ;

generate_block
    : (identifier ':')? 'begin' (':' identifier)? module_item* 'end' end_label?
    | module_item
    ;

// ======================================================================================================
// A.5 UDP declarations (the table is accepted loosely: one entry per ';')
// ======================================================================================================

udp_declaration
    : attribute_instance* 'primitive' identifier '(' udp_port_item (',' udp_port_item)* ')' ';'
      udp_port_declaration* udp_initial_statement? udp_table 'endprimitive' end_label?
    | 'extern' 'primitive' identifier '(' udp_port_item (',' udp_port_item)* ')' ';'
    ;

udp_port_item
    : attribute_instance* ('output' 'reg'? | 'input' | 'reg')? identifier ('=' expression)?
    ;

udp_port_declaration
    : attribute_instance* ('output' 'reg'? | 'input' | 'reg') identifier ('=' expression)? (',' identifier)* ';'
    ;

udp_initial_statement
    : 'initial' identifier '=' expression ';'
    ;

udp_table
    : 'table' udp_table_entry* 'endtable'
    ;

udp_table_entry
    : (~(';' | 'endtable'))+ ';'
    ;

// ======================================================================================================
// A.6.1 Continuous assignments and net aliases
// ======================================================================================================

continuous_assign
    : 'assign' drive_strength? delay3? net_assignment (',' net_assignment)* ';'
    ;

net_assignment
    : variable_lvalue '=' expression
    ;

net_alias
    : 'alias' variable_lvalue '=' variable_lvalue ('=' variable_lvalue)* ';'
    ;

// ======================================================================================================
// A.6.2 Procedural blocks and assignments
// ======================================================================================================

initial_construct
    : 'initial' statement_or_null
    ;

always_construct
    : ('always' | 'always_comb' | 'always_latch' | 'always_ff') statement
    ;

final_construct
    : 'final' statement
    ;

blocking_assignment
    : variable_lvalue '=' delay_or_event_control? expression
    | variable_lvalue compound_assignment_operator expression
    ;

operator_assignment
    : variable_lvalue assignment_operator expression
    ;

assignment_operator
    : '='
    | compound_assignment_operator
    ;

compound_assignment_operator
    : '+=' | '-=' | '*=' | '/=' | '%=' | '&=' | '|=' | '^=' | '<<=' | '>>=' | '<<<=' | '>>>='
    ;

nonblocking_assignment
    : variable_lvalue '<=' delay_or_event_control? expression
    ;

procedural_continuous_assignment
    : 'assign' variable_lvalue '=' expression
    | 'deassign' variable_lvalue
    | 'force' variable_lvalue '=' expression
    | 'release' variable_lvalue
    ;

// ======================================================================================================
// A.6.3 Blocks
// ======================================================================================================

seq_block
    : 'begin' (':' identifier)? block_item_declaration* statement_or_null* 'end' end_label?
    ;

par_block
    : 'fork' (':' identifier)? block_item_declaration* statement_or_null* ('join' | 'join_any' | 'join_none') end_label?
    ;

// ======================================================================================================
// A.6.4 Statements
// ======================================================================================================

statement_or_null
    : statement
    | attribute_instance* ';'
    ;

statement
    : (identifier ':')? attribute_instance* statement_item
    ;

statement_item
    : blocking_assignment ';'
    | nonblocking_assignment ';'
    | procedural_continuous_assignment ';'
    | case_statement
    | conditional_statement
    | inc_or_dec_expression ';'
    | subroutine_call_statement
    | disable_statement
    | event_trigger
    | loop_statement
    | jump_statement
    | par_block
    | procedural_timing_control_statement
    | seq_block
    | wait_statement
    | procedural_assertion_statement
    | randsequence_statement
    | randcase_statement
    | expect_property_statement
    | macro_usage ';'?
    ;

// A call, method call, `void'(f())` or a task enable without arguments.
subroutine_call_statement
    : primary ';'
    ;

// ======================================================================================================
// A.6.5 Timing control statements
// ======================================================================================================

procedural_timing_control_statement
    : procedural_timing_control statement_or_null
    ;

procedural_timing_control
    : delay_control
    | event_control
    | cycle_delay
    ;

delay_control
    : '#' delay_value
    | '#' '(' mintypmax_expression ')'
    ;

delay_or_event_control
    : delay_control
    | event_control
    | 'repeat' '(' expression ')' event_control
    | cycle_delay
    ;

cycle_delay
    : '##' (UNSIGNED_NUMBER | identifier | '(' expression ')')
    ;

// `@(*)` and `@( *)` meet the attribute tokens `(*` and `*)`, hence the extra forms.
event_control
    : '@' '(' event_expression ')'
    | '@' '*'
    | '@' '(' '*' ')'
    | '@' '(*' ')'
    | '@' '(' '*)'
    | '@' hierarchical_identifier
    | '@' macro_usage
    ;

clocking_event
    : '@' hierarchical_identifier
    | '@' '(' event_expression ')'
    ;

event_expression
    : edge_identifier? expression ('iff' expression)?
    | event_expression 'or' event_expression
    | event_expression ',' event_expression
    | '(' event_expression ')'
    ;

edge_identifier
    : 'posedge'
    | 'negedge'
    | 'edge'
    ;

event_trigger
    : '->' primary ';'
    | '->>' delay_or_event_control? primary ';'
    ;

disable_statement
    : 'disable' 'fork' ';'
    | 'disable' primary ';'
    ;

wait_statement
    : 'wait' '(' expression ')' statement_or_null
    | 'wait' 'fork' ';'
    | 'wait_order' '(' primary (',' primary)* ')' action_block
    ;

jump_statement
    : 'return' expression? ';'
    | 'break' ';'
    | 'continue' ';'
    ;

// ======================================================================================================
// A.6.6 Conditional statements, A.6.7 case statements
// ======================================================================================================

conditional_statement
    : unique_priority? 'if' '(' expression ')' statement_or_null ('else' statement_or_null)?
    ;

unique_priority
    : 'unique'
    | 'unique0'
    | 'priority'
    ;

case_statement
    : unique_priority? case_keyword '(' expression ')' ('inside' | 'matches')? case_item+ 'endcase'
    ;

case_keyword
    : 'case'
    | 'casez'
    | 'casex'
    ;

case_item
    : 'default' ':'? statement_or_null
    | case_item_expression (',' case_item_expression)* ':' statement_or_null
    ;

// Plain expressions, `inside` ranges and `matches` patterns share one form.
case_item_expression
    : '[' expression ':' expression ']'
    | pattern
    ;

randcase_statement
    : 'randcase' randcase_item+ 'endcase'
    ;

randcase_item
    : expression ':' statement_or_null
    ;

// A.6.7.1 Patterns
pattern
    : '.' identifier
    | '.*'
    | 'tagged' identifier pattern?
    | '\'{' pattern (',' pattern)* '}'
    | '\'{' identifier ':' pattern (',' identifier ':' pattern)* '}'
    | expression
    ;

assignment_pattern
    : '\'{' '}'
    | '\'{' assignment_pattern_item (',' assignment_pattern_item)* '}'
    | '\'{' expression '{' expression (',' expression)* '}' '}'
    ;

// `value`, `member: value`, `index: value`, `type: value` or `default: value`.
assignment_pattern_item
    : (pattern_key ':')? expression
    ;

pattern_key
    : 'default'
    | expression
    | keyword_data_type
    ;

// ======================================================================================================
// A.6.8 Looping statements
// ======================================================================================================

loop_statement
    : 'forever' statement_or_null
    | 'repeat' '(' expression ')' statement_or_null
    | 'while' '(' expression ')' statement_or_null
    | 'for' '(' for_initialization? ';' expression? ';' for_step? ')' statement_or_null
    | 'do' statement_or_null 'while' '(' expression ')' ';'
    | 'foreach' '(' foreach_array ')' statement
    ;

for_initialization
    : for_variable_declaration (',' for_variable_declaration)*
    ;

for_variable_declaration
    : 'var'? data_type identifier '=' expression
    | operator_assignment
    ;

for_step
    : for_step_assignment (',' for_step_assignment)*
    ;

for_step_assignment
    : operator_assignment
    | expression
    ;

// `arr[i, j]` or `obj.arr[i][j]`: the array name then its loop variables.
// `arr[i, j]`, `obj.arr[i][j]` or `a[0].b[i]`: the array's name, then selects; the last bracket holds the
// loop variables (the grammar cannot tell an index from a loop variable, the design model can).
foreach_array
    : ('this' '.' | 'super' '.' | class_scope)? identifier ('.' identifier | '[' loop_variables ']')*
    ;

loop_variables
    : expression? (',' expression?)*
    ;

// ======================================================================================================
// A.6.10 Assertion statements, A.6.11 clocking blocks, A.6.12 randsequence
// ======================================================================================================

procedural_assertion_statement
    : concurrent_assertion_statement
    | immediate_assertion_statement
    ;

expect_property_statement
    : 'expect' '(' property_spec ')' action_block
    ;

clocking_declaration
    : 'default'? 'clocking' identifier? clocking_event ';' clocking_item* 'endclocking' end_label?
    | 'global' 'clocking' identifier? clocking_event ';' 'endclocking' end_label?
    ;

clocking_item
    : 'default' default_skew ';'
    | clocking_direction clocking_decl_assign (',' clocking_decl_assign)* ';'
    | attribute_instance* (property_declaration | sequence_declaration | let_declaration)
    ;

default_skew
    : 'input' clocking_skew ('output' clocking_skew)?
    | 'output' clocking_skew
    ;

clocking_direction
    : 'input' clocking_skew? ('output' clocking_skew?)?
    | 'output' clocking_skew?
    | 'inout'
    ;

clocking_decl_assign
    : identifier ('=' expression)?
    ;

clocking_skew
    : edge_identifier delay_control?
    | delay_control
    ;

randsequence_statement
    : 'randsequence' '(' identifier? ')' rs_production+ 'endsequence'
    ;

rs_production
    : data_type_or_void? identifier ('(' tf_port_list? ')')? ':' rs_rule ('|' rs_rule)* ';'
    ;

rs_rule
    : rs_production_list (':=' expression rs_code_block?)?
    ;

rs_production_list
    : rs_prod+
    | 'rand' 'join' ('(' expression ')')? rs_production_item rs_production_item+
    ;

rs_prod
    : rs_production_item
    | rs_code_block
    | 'if' '(' expression ')' rs_production_item ('else' rs_production_item)?
    | 'repeat' '(' expression ')' rs_production_item
    | 'case' '(' expression ')' rs_case_item+ 'endcase'
    ;

rs_production_item
    : identifier ('(' list_of_arguments ')')?
    ;

rs_code_block
    : '{' block_item_declaration* statement_or_null* '}'
    ;

rs_case_item
    : expression (',' expression)* ':' rs_production_item ';'
    | 'default' ':'? rs_production_item ';'
    ;

// ======================================================================================================
// A.7 Specify section
// ======================================================================================================

specify_block
    : 'specify' specify_item* 'endspecify'
    ;

specify_item
    : specparam_declaration
    | ('pulsestyle_onevent' | 'pulsestyle_ondetect' | 'showcancelled' | 'noshowcancelled') specify_terminal (',' specify_terminal)* ';'
    | path_declaration
    | system_timing_check
    ;

path_declaration
    : ('if' '(' expression ')' | 'ifnone')? path_description '=' path_delay_value ';'
    ;

// Simple `(a => b)`, full `(a *> b)` and edge-sensitive `(posedge clk => (q +: d))` paths.
path_description
    : '(' edge_identifier? specify_terminal (',' specify_terminal)* path_arrow
      (specify_terminal (',' specify_terminal)* | '(' specify_terminal (',' specify_terminal)* ('+:' | '-:' | ':') expression ')') ')'
    ;

// `+=>` and `-=>` lex as `+=` `>` / `-=` `>`.
path_arrow
    : ('+' | '-')? ('=>' | '*>')
    | ('+=' | '-=') '>'
    ;

specify_terminal
    : identifier ('.' identifier)? ('[' constant_range_or_index ']')?
    ;

path_delay_value
    : mintypmax_expression (',' mintypmax_expression)*
    | '(' mintypmax_expression (',' mintypmax_expression)* ')'
    ;

system_timing_check
    : SYSTEM_TF_IDENTIFIER '(' timing_check_argument? (',' timing_check_argument?)* ')' ';'
    ;

timing_check_argument
    : timing_check_edge? mintypmax_expression
    ;

timing_check_edge
    : 'posedge'
    | 'negedge'
    | 'edge' ('[' (~']')* ']')?
    ;

// ======================================================================================================
// A.8.3 Expressions (1800-2017 Table 11-2, highest precedence first)
// ======================================================================================================

expression
    : primary
    | unary_operator attribute_instance* expression
    | ('++' | '--') attribute_instance* expression
    | expression ('++' | '--')
    | <assoc = right> expression '**' attribute_instance* expression
    | expression ('*' | '/' | '%') attribute_instance* expression
    | expression ('+' | '-') attribute_instance* expression
    | expression ('<<' | '>>' | '<<<' | '>>>') attribute_instance* expression
    | expression ('<' | '<=' | '>' | '>=') attribute_instance* expression
    | expression 'inside' '{' open_range_list '}'
    | expression ('==' | '!=' | '===' | '!==' | '==?' | '!=?') attribute_instance* expression
    | expression '&' attribute_instance* expression
    | expression ('^' | '~^' | '^~') attribute_instance* expression
    | expression '|' attribute_instance* expression
    | expression '&&' attribute_instance* expression
    | expression '||' attribute_instance* expression
    | expression 'matches' pattern
    | expression '&&&' expression
    | <assoc = right> expression '?' attribute_instance* expression ':' expression
    | <assoc = right> expression ('->' | '<->') expression
    | 'tagged' identifier primary?
    ;

unary_operator
    : '+' | '-' | '!' | '~' | '&' | '~&' | '|' | '~|' | '^' | '~^' | '^~'
    ;

inc_or_dec_expression
    : ('++' | '--') variable_lvalue
    | variable_lvalue ('++' | '--')
    ;

mintypmax_expression
    : expression (':' expression ':' expression)?
    ;

open_range_list
    : value_range (',' value_range)*
    ;

value_range
    : '[' expression ':' expression ']'
    | expression
    ;

// ======================================================================================================
// A.8.4 Primaries (names, selects, member accesses and calls are postfix operators)
// ======================================================================================================

primary
    : primary_literal
    | identifier
    | 'this'
    | 'super'
    | 'null'
    | '$'
    | '$root'
    | '$unit'
    | 'local' '::' identifier
    | SYSTEM_TF_IDENTIFIER
    | macro_usage
    | concatenation
    | multiple_concatenation
    | streaming_concatenation
    | assignment_pattern
    | '(' operator_assignment ')'
    | '(' mintypmax_expression ')'
    | casting_type '\'' '(' expression ')'
    | type_reference
    | 'new' '[' expression ']' ('(' expression ')')?
    | 'new'
    | primary '.' member_name
    | primary '::' member_name
    | primary '#' '(' (parameter_assignment (',' parameter_assignment)*)? ')'
    | primary '[' constant_range_or_index ']'
    | primary attribute_instance* '(' list_of_arguments ')'
    | primary '\'' '(' expression ')'
    | primary assignment_pattern
    | primary 'with' '(' expression ')'
    | primary 'with' ('(' (identifier (',' identifier)*)? ')')? constraint_block
    | 'new' primary
    ;

// Built-in array methods `and`, `or`, `xor`, `unique` are keywords, so member names admit them.
member_name
    : identifier
    | 'new'
    | 'and'
    | 'or'
    | 'xor'
    | 'unique'
    | 'super'
    ;

// A.8.4: casting_type for the keyword types; named types cast through the postfix `primary '(...)`.
casting_type
    : integer_type
    | non_integer_type
    | signing
    | 'string'
    | 'const'
    | 'void'
    ;

primary_literal
    : number
    | TIME_LITERAL
    | UNBASED_UNSIZED_LITERAL
    | STRING_LITERAL
    ;

number
    : UNSIGNED_NUMBER BASED_NUMBER?
    | BASED_NUMBER
    | REAL_NUMBER
    ;

// A.8.1 Concatenations
concatenation
    : '{' '}'
    | '{' expression (',' expression)* '}'
    ;

multiple_concatenation
    : '{' expression concatenation '}'
    ;

streaming_concatenation
    : '{' ('<<' | '>>') slice_size? '{' stream_expression (',' stream_expression)* '}' '}'
    ;

slice_size
    : integer_type
    | non_integer_type
    | expression
    ;

stream_expression
    : expression ('with' '[' constant_range_or_index ']')?
    ;

// A.8.2 Subroutine call arguments: positional (possibly empty), named, or a data type for system calls.
list_of_arguments
    : argument (',' argument)*
    ;

argument
    : '.' identifier '(' expression? ')'
    | expression
    | keyword_data_type
    |
    ;

variable_lvalue
    : primary
    ;

// A.9.3 Identifiers
hierarchical_identifier
    : ('$root' '.')? identifier ('[' constant_range_or_index ']')* ('.' identifier ('[' constant_range_or_index ']')*)*
    ;

identifier
    : SIMPLE_IDENTIFIER
    | ESCAPED_IDENTIFIER
    ;

// A.9.1 Attributes
attribute_instance
    : '(*' attr_spec (',' attr_spec)* '*)'
    ;

attr_spec
    : identifier ('=' expression)?
    ;

// An undefined macro: `name, with its parenthesised argument tokens when it has arguments.
macro_usage
    : DIRECTIVE ('(' macro_argument_token* ')')?
    ;

macro_argument_token
    : '(' macro_argument_token* ')'
    | ~('(' | ')')
    ;
