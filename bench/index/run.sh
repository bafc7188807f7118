#!/usr/bin/env bash
# Index benchmark: cold `hdl index`, warm start with no change, and (IndexBench) the split of a cold build into
# parse / model / elaboration / graph / storage plus re-analysis after 20 one-file edits, on opentitan/hw
# (1.14M lines of SystemVerilog; bench/fetch-corpus.sh sets the corpus up at the recorded commit).
#   bench/index/run.sh [CORPUS_DIR]        (default $HDL_CORPUS, then /work/corpus)
# Every measurement prints the load average before it: the machine is shared, so compare numbers with it.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
corpus="${1:-${HDL_CORPUS:-/work/corpus}}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet build "$repo/src/Hdl.Cli" -c Release -nologo -v quiet >/dev/null || exit 1
dotnet build "$here/IndexBench" -c Release -nologo -v quiet >/dev/null || exit 1
hdl="$repo/src/Hdl.Cli/bin/Release/net10.0/hdl"
bench="$here/IndexBench/bin/Release/net10.0/IndexBench"

measure() {
  local label="$1"; shift
  echo "== $label   (load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores)"
  /usr/bin/time -v "$@" 2>"$work/time.txt" >"$work/out.txt"
  grep -E '"(files|lines|units|instances|errors|indexSeconds|warm|filesAnalysed|filesLoaded|indexLoadSeconds|indexSaveSeconds|indexBytes|seconds)"' "$work/out.txt" \
    || cat "$work/out.txt"
  grep -E "Elapsed \(wall|Maximum resident|Percent of CPU" "$work/time.txt"
}

cd "$corpus/opentitan" || exit 1
echo "opentitan $(git rev-parse HEAD)"
measure "hdl index hw, cold" "$hdl" index --json -q --index-dir "$work/index" hw
measure "hdl index hw, warm, no change" "$hdl" index --json -q --index-dir "$work/index" hw
measure "hdl index hw, warm, no change (again)" "$hdl" index --json -q --index-dir "$work/index" hw
measure "IndexBench hw (split, storage, 20 one-file edits)" "$bench" hw "$work/bench-index" 20
