#!/usr/bin/env bash
# Retrieval quality and speed.
#   bench/retrieval/run.sh [CORPUS_DIR]      (default $HDL_CORPUS, then /work/corpus)
# 1. Quality: `hdl eval search` on the query sets here (the shared set queries.jsonl when present, and the dev sets
#    written while tuning), every mode, Acc@1/5/10 and MRR@10 per granularity.
# 2. Speed on a one-million-line corpus (OpenTitan hw/, 1.14M lines of SystemVerilog): a cold index (workspace
#    analysis + retrieval index, phase times printed by hdl), then search latency p50/p99 over the OpenTitan queries in
#    all four modes, and peak memory of the whole run (/usr/bin/time -v); then hybrid alone at every granularity
#    (`--every-granularity --repeat 3`: p50/p99 per granularity). The machine's load average is recorded too, since it
#    is shared.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
corpus="${1:-${HDL_CORPUS:-/work/corpus}}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet build "$repo/src/Hdl.Cli" -c Release -nologo -v quiet >/dev/null
hdl=(dotnet "$repo/src/Hdl.Cli/bin/Release/net10.0/hdl.dll")

echo "## quality: examples/ dev set"
"${hdl[@]}" eval search "$here/dev-queries.jsonl" --repo "examples=$repo/examples" --index-dir "$work/examples"

echo "## quality: dev set over serv, cv32e40p, open-logic"
"${hdl[@]}" eval search "$here/dev-queries-more.jsonl" --repo "serv=$corpus/serv" --repo "cv32e40p=$corpus/cv32e40p" \
  --repo "open-logic=$corpus/open-logic" --index-dir "$work/more"

if [ -f "$here/queries.jsonl" ]; then
  echo "## quality: shared query set"
  repos=(--repo "examples=$repo/examples")
  for name in picorv32 ibex cva6 cv32e40p verilog-ethernet serv neorv32 OSVVM vunit open-logic PoC opentitan; do
    [ -d "$corpus/$name" ] && repos+=(--repo "$name=$corpus/$name")
  done
  "${hdl[@]}" eval search "$here/queries.jsonl" "${repos[@]}" --index-dir "$work/shared" || true
fi

echo "## speed: OpenTitan hw/ (cold index, then searches)"
uptime
/usr/bin/time -v "${hdl[@]}" eval search "$here/dev-queries-opentitan.jsonl" --repo "opentitan=$corpus/opentitan/hw" --index-dir "$work/opentitan" 2>&1 \
  | grep -E 'retrieval index|^\||queries|Maximum resident|Elapsed \(wall|User time|System time'
uptime
echo "## speed: warm (index up to date: hash check, then searches)"
/usr/bin/time -v "${hdl[@]}" eval search "$here/dev-queries-opentitan.jsonl" --repo "opentitan=$corpus/opentitan/hw" --index-dir "$work/opentitan" 2>&1 \
  | grep -E 'queries|Maximum resident|Elapsed \(wall'
uptime
echo "## speed: hybrid (the default) alone, each query at module, block and signal granularity, 3 runs (warm)"
"${hdl[@]}" eval search "$here/dev-queries-opentitan.jsonl" --repo "opentitan=$corpus/opentitan/hw" --index-dir "$work/opentitan" \
  --mode hybrid --every-granularity --repeat 3 2>&1 | grep -E 'queries|search time'
uptime
