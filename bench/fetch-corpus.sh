#!/usr/bin/env bash
# Sets up the benchmark corpus: the public repositories below, each at the commit the recorded results used.
#   bench/fetch-corpus.sh [CORPUS_DIR]      (default $HDL_CORPUS, then /work/corpus)
# Existing checkouts are checked, not touched. Missing ones are cloned from GitHub when the network allows;
# their code is never committed here: only the file lists in bench/parse-throughput/corpus-*.txt are.
set -euo pipefail
corpus="${1:-${HDL_CORPUS:-/work/corpus}}"
mkdir -p "$corpus"

# name  repository                            commit
repos=(
  "ibex              lowRISC/ibex                    8b8ee086aef72e0833b7f0493d9d33f1e4d3c8e2"
  "cva6              openhwgroup/cva6                6cb200105fb9441d170e45786125a737fab98e91"
  "cv32e40p          openhwgroup/cv32e40p            6033d2b1be3295ec774d17ac4cf226faacfdeb08"
  "verilog-ethernet  alexforencich/verilog-ethernet  77320a9471d19c7dd383914bc049e02d9f4f1ffb"
  "serv              olofk/serv                      9baea86ff0e46e64b45342b9742898ed24e3c285"
  "picorv32          YosysHQ/picorv32                87c89acc18994c8cf9a2311e871818e87d304568"
  "neorv32           stnolting/neorv32               b3f390870f77b9bdc4ac282c242742b10408dc53"
  "OSVVM             OSVVM/OSVVM                     a4e7565485fcc3ae0b7e94d72ce696c38cf203f7"
  "open-logic        open-logic/open-logic           8eeced66ceb9d9457718c8de826372aa94a8811f"
  "vunit             VUnit/vunit                     edddc0fd6a6fc652464e15d0d60bf09b53d28c74"
  "opentitan         lowRISC/opentitan               34ceb5eb568742f75f01ee23de994ad9f65eae82"
)

status=0
for entry in "${repos[@]}"; do
  read -r name repo commit <<<"$entry"
  target="$corpus/$name"
  if [ ! -d "$target/.git" ] && [ ! -f "$target/.git" ]; then
    echo "cloning $repo into $target"
    if ! git clone --quiet "https://github.com/$repo.git" "$target"; then
      echo "  cannot clone $repo; create $target at commit $commit by other means" >&2
      status=1
      continue
    fi
    git -C "$target" checkout --quiet "$commit"
  fi
  actual="$(git -C "$target" rev-parse HEAD)"
  if [ "$actual" = "$commit" ]; then
    echo "ok       $name $commit"
  else
    echo "differs  $name is at $actual, results were recorded at $commit" >&2
  fi
done
exit $status
