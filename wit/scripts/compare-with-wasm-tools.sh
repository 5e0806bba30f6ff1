#!/usr/bin/env bash
# Extracts the WIT of every real component we have (wasi-testsuite wasm32-wasip3 programs, the
# components of the wac corpus, the components shipped with the peers) with `jwt component wit`
# and with `jco wit` (wasm-tools' `component wit`, as jco bundles it) and reports how many are
# identical. Needs the peers (~/.cache/jwt-peers/env.sh).
#   wit/scripts/compare-with-wasm-tools.sh
# jco prints only the main package (wasm-tools also prints the packages it depends on as nested
# `package x { }` blocks) and ends with a blank line, so only jwt's main package is compared and
# trailing blank lines are ignored. Differences are kept under ${OUT:-/tmp/jwt-wit-compare}/NAME.diff.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck disable=SC1090
source "${PEERS_ENV:-$HOME/.cache/jwt-peers/env.sh}"
corpus="${JWT_CORPUS:-$root/../shared/corpus}"
[ -d "$corpus" ] || corpus=/work/shared/corpus
out="${OUT:-/tmp/jwt-wit-compare}"
rm -rf "$out" && mkdir -p "$out"

is_component() { [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = "0061736d0d000100" ]; }

files=()
while IFS= read -r f; do
  is_component "$f" && files+=("$f")
done < <( { ls "$corpus"/wasi-testsuite/tests/rust/testsuite/wasm32-wasip3/*.wasm 2>/dev/null
            find "$corpus/wac" -name '*.wasm' 2>/dev/null
            find "${PEERS_CACHE:-/nonexistent}/node/node_modules/@bytecodealliance" -name '*.wasm' 2>/dev/null
            ls "${PEERS_CACHE:-/nonexistent}"/bench/*.component.wasm "${PEERS_CACHE:-/nonexistent}"/realworld/components/*.wasm 2>/dev/null
          } | sort -u)

# The text up to the first nested package, without trailing blank lines.
main_package() { awk 'NR > 1 && /^package / { exit } { print }' | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'; }

"$root/jwt" --version >/dev/null 2>&1 || true   # builds the CLI once if needed
same=0; total=0
for f in "${files[@]}"; do
  total=$((total + 1))
  name=$(echo "$f" | sed 's|.*/||; s|\.wasm$||')-$total
  if ! jco wit "$f" > "$out/$name.jco" 2> "$out/$name.jco.err"; then
    if "$root/jwt" component wit "$f" > "$out/$name.jwt" 2> "$out/$name.jwt.err"; then
      echo "DIFF  $f (wasm-tools fails, jwt prints)"
    else
      same=$((same + 1)); echo "same  $f (both fail)"
    fi
    continue
  fi
  if ! "$root/jwt" component wit "$f" > "$out/$name.jwt" 2> "$out/$name.jwt.err"; then
    echo "FAIL  $f: $(head -1 "$out/$name.jwt.err")"
    continue
  fi
  if diff <(main_package < "$out/$name.jco") <(main_package < "$out/$name.jwt") > "$out/$name.diff"; then
    same=$((same + 1)); rm -f "$out/$name.diff"; echo "same  $f"
  else
    echo "DIFF  $f (see $out/$name.diff)"
  fi
done
echo "identical: $same/$total"
