// Placeholder: replaced by the full IEEE 1800-2017 parser grammar.
parser grammar SystemVerilogParser;
options { tokenVocab = SystemVerilogLexer; }
source_text : .*? EOF ;
