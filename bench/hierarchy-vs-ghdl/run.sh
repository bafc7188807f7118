#!/usr/bin/env bash
# `hdl hierarchy` against GHDL's elaborated instance tree on real VHDL designs (issue #4).
#   bench/hierarchy-vs-ghdl/run.sh [CORPUS_DIR]
# For each case GHDL imports the files into the design's library, makes the top (`ghdl -m`, which analyses in
# dependency order) and prints the instance tree after elaboration (`ghdl -r TOP --disp-tree=inst --stop-time=0fs`);
# `hdl hierarchy FILES --top TOP --json` runs on the same files. compare.py reduces both to `path : entity(arch)`
# lines and prints what differs. Logs go to a temporary folder named at the end.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
corpus="${1:-${HDL_CORPUS:-/work/corpus}}"
command -v ghdl >/dev/null || { apt-get update -qq && apt-get install -y -qq ghdl; }
dotnet build "$root/src/Hdl.Cli/Hdl.Cli.csproj" -c Release -nologo -v quiet >/dev/null || exit 1
hdl=(dotnet "$root/src/Hdl.Cli/bin/Release/net10.0/hdl.dll")
work="$(mktemp -d)"
status=0

# compare NAME LIBRARY TOP "GHDL_FLAGS" FILES...
compare() {
  local name="$1" library="$2" top="$3" flags="$4"
  shift 4
  local dir="$work/$name"
  mkdir -p "$dir"
  echo "== $name: top $top (library $library, $# files)"
  (cd "$dir" && ghdl -i --std=08 $flags --work="$library" "$@" >ghdl-import.log 2>&1 &&
    ghdl -m --std=08 $flags --work="$library" "$top" >ghdl-make.log 2>&1 &&
    ghdl -r --std=08 $flags --work="$library" "$top" --disp-tree=inst --stop-time=0fs >ghdl-tree.txt 2>ghdl-run.log) ||
    { echo "ghdl failed, see $dir"; status=1; return; }
  "${hdl[@]}" hierarchy "$@" --top "$top" --no-index --json >"$dir/hdl.json" 2>"$dir/hdl.log"
  python3 "$here/compare.py" "$dir/ghdl-tree.txt" "$dir/hdl.json" || status=1
}

neorv32="$corpus/neorv32/rtl"
compare neorv32-test-setup-bootloader neorv32 neorv32_test_setup_bootloader "" \
  "$neorv32"/core/*.vhd "$neorv32/test_setups/neorv32_test_setup_bootloader.vhd"
compare neorv32-test-setup-approm neorv32 neorv32_test_setup_approm "" \
  "$neorv32"/core/*.vhd "$neorv32/test_setups/neorv32_test_setup_approm.vhd"

olo="$corpus/open-logic/src"
# open-logic's RAMs need -frelaxed in GHDL (its own scripts pass it too).
for top in olo_axi_master_full olo_base_fifo_packet; do
  compare "open-logic-$top" olo "$top" "-frelaxed" "$olo"/base/vhdl/*.vhd "$olo"/axi/vhdl/*.vhd "$olo"/intf/vhdl/*.vhd
done

echo "logs: $work"
exit $status
