#!/usr/bin/perl
# Verilog-Perl peer for the throughput benchmark: preprocess (Verilog::Preproc) and parse (Verilog::Parser) every
# file of a list in one process. Errors are counted and parsing goes on with the next file.
# The list file holds one entry a line: +incdir+DIR, +define+NAME[=VALUE] or a source path.
use strict;
use warnings;
use Verilog::Getopt;
use Verilog::Preproc;
use Verilog::Parser;

package CountingParser;
use base 'Verilog::Parser';
our $errors = 0;
sub error { $errors++; }    # default dies; a benchmark keeps going

package main;

my ($list) = @ARGV;
open(my $fh, '<', $list) or die "cannot read $list: $!";
my $opt = Verilog::Getopt->new(gcc_style => 0, vcs_style => 1);
my @files;
while (my $line = <$fh>) {
    chomp $line;
    next if $line eq '';
    if ($line =~ /^\+incdir\+(.*)$/) { $opt->incdir($1); }
    elsif ($line =~ /^\+define\+([^=]+)(?:=(.*))?$/) { $opt->define($1, defined $2 ? $2 : ''); }
    else { push @files, $line; }
}
my ($ok, $failed) = (0, 0);
for my $file (@files) {
    my $before = $CountingParser::errors;
    my $done = eval {
        my $pp = Verilog::Preproc->new(options => $opt, keep_comments => 0, keep_whitespace => 0);
        $pp->open(filename => $file);
        my $parser = CountingParser->new();
        $parser->parse_preproc_file($pp);
        1;
    };
    if ($done && $CountingParser::errors == $before) { $ok++; } else { $failed++; print STDERR "FAILED $file\n"; }
}
print "files without errors: $ok, files with errors: $failed\n";
