#!/usr/bin/env bash
# Completion / signature-help latency on opentitan/hw (1.14M lines of SystemVerilog; bench/fetch-corpus.sh sets the
# corpus up at the recorded commit), and on a VHDL repository.
#   bench/completion/run.sh [CORPUS_DIR]        (default $HDL_CORPUS, then /work/corpus)
# The index is built in memory first (minutes on opentitan); only the requests are timed. The load average is
# printed before each run: the machine is shared, so compare numbers with it.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
corpus="${1:-${HDL_CORPUS:-/work/corpus}}"
dotnet build "$here/CompletionBench" -c Release -nologo -v quiet >/dev/null || exit 1
bench="$here/CompletionBench/bin/Release/net10.0/CompletionBench"
run() {
  echo "== $1 $2   (load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores)"
  (cd "$corpus/$1" && echo "$1 $(git rev-parse HEAD)" && /usr/bin/time -f "peak memory %M KB, wall %e s" "$bench" "${@:3}")
}
run opentitan hw/ip/uart/rtl/uart_core.sv hw hw/ip/uart/rtl/uart_core.sv 300
run neorv32 rtl/core/neorv32_cpu_control.vhd . rtl/core/neorv32_cpu_control.vhd 300
