#!/usr/bin/env bash
# Name binding over real repositories: how many references bind, how many do not, how many are reported, and what
# binding costs next to indexing. Reproduce with
#   bench/binding/run.sh [CORPUS_DIR] > bench/binding/results-new.md
# after `./build.sh run` (or a Release build of src/Hdl.Cli). Repositories and commits: bench/fetch-corpus.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus="${1:-${HDL_CORPUS:-/work/corpus}}"
hdl=(dotnet src/Hdl.Cli/bin/Release/net10.0/hdl.dll)
targets=(picorv32 serv ibex/rtl cv32e40p/rtl verilog-ethernet/rtl neorv32/rtl open-logic/src OSVVM PoC/src)

echo "| repository | lines | references bound | unbound | reported (HDL3001/3002/3003) | index s | binding s |"
echo "|---|---:|---:|---:|---|---:|---:|"
for target in "${targets[@]}"; do
  out=$(mktemp)
  "${hdl[@]}" index "$corpus/$target" > "$out" 2>&1 || true
  json=$("${hdl[@]}" index "$corpus/$target" --json 2>/dev/null || true)
  field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])['summary'].get(sys.argv[2], '?'))" "$json" "$1"; }
  echo "| $target | $(field lines) | $(field referencesBound) | $(field referencesUnbound) | $(grep -c 'HDL3001' "$out" || true)/$(grep -c 'HDL3002' "$out" || true)/$(grep -c 'HDL3003' "$out" || true) | $(field indexSeconds) | $(field bindingSeconds) |"
  rm -f "$out"
done
