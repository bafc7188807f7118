#!/usr/bin/env bash
# One entry point for setup, the example run and the tests, so README, CI and people run the same steps.
#   ./build.sh run    set up (npm + dotnet restore/build) and run `hdl parse` over the example design in examples/
#   ./build.sh test   set up and run every test
set -euo pipefail
cd "$(dirname "$0")"

setup() {
  if [ ! -x node_modules/.bin/antlr-ng ]; then
    npm ci --no-audit --no-fund
  fi
  dotnet build Hdl.sln -c Release -nologo -v quiet
}

case "${1:-run}" in
  run)
    setup
    # examples/files.f names its files relative to examples/ (as verilator -F reads it), hence -F.
    vhdl_examples=()
    if [ -d examples/vhdl ]; then vhdl_examples=(examples/vhdl); fi
    dotnet src/Hdl.Cli/bin/Release/net10.0/hdl.dll parse -F examples/files.f "${vhdl_examples[@]}"
    ;;
  test)
    setup
    dotnet test Hdl.sln -c Release --no-build -nologo
    ;;
  *)
    echo "usage: ./build.sh [run|test]" >&2
    exit 2
    ;;
esac
