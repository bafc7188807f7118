#!/usr/bin/env bash
# Parse-throughput benchmark: `hdl parse` against verilator, iverilog, yosys, Verilog-Perl and ghdl on real corpora.
#   bench/parse-throughput/run.sh [CORPUS_DIR] [--rescreen] [--no-vhdl]
# CORPUS_DIR defaults to $HDL_CORPUS, then /work/corpus (see bench/fetch-corpus.sh). Writes results.md and the
# corpus-*.txt records beside this script.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
corpus="${HDL_CORPUS:-/work/corpus}"
extra=()
for argument in "$@"; do
  case "$argument" in
    --*) extra+=("$argument") ;;
    *) corpus="$argument" ;;
  esac
done

# Peers and /usr/bin/time come from Debian packages; install whatever is missing.
missing=()
command -v verilator >/dev/null || missing+=(verilator)
command -v iverilog >/dev/null || missing+=(iverilog)
command -v yosys >/dev/null || missing+=(yosys)
command -v ghdl >/dev/null || missing+=(ghdl)
[ -x /usr/bin/time ] || missing+=(time)
perl -MVerilog::Parser -e 1 2>/dev/null || missing+=(libverilog-perl)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq "${missing[@]}"
fi

if [ ! -x "$root/node_modules/.bin/antlr-ng" ]; then
  (cd "$root" && npm ci --no-audit --no-fund)
fi
dotnet build "$root/src/Hdl.Cli/Hdl.Cli.csproj" -c Release -nologo -v quiet
python3 "$here/bench.py" "$root/src/Hdl.Cli/bin/Release/net10.0/hdl.dll" "$corpus" "$here" "${extra[@]}"
echo "results: $here/results.md"
