#!/usr/bin/env bash
# Prints every real component we have (wasi-testsuite wasm32-wasip3 programs, the components of
# the wac corpus, the components shipped with the peers: jco's package, bench/*.component.wasm,
# realworld/components) with `jwt print` and with `jco print` (wasm-tools print, as jco bundles
# it) and reports how many print identically. Needs the peers (~/.cache/jwt-peers/env.sh).
#   print/scripts/compare-with-wasm-tools.sh
# Differences are kept under ${OUT:-/tmp/jwt-print-compare}/NAME.diff.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck disable=SC1090
source "${PEERS_ENV:-$HOME/.cache/jwt-peers/env.sh}"
corpus="${JWT_CORPUS:-$root/../shared/corpus}"
[ -d "$corpus" ] || corpus=/work/shared/corpus
out="${OUT:-/tmp/jwt-print-compare}"
rm -rf "$out" && mkdir -p "$out"

is_component() { [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = "0061736d0d000100" ]; }

files=()
while IFS= read -r f; do
  is_component "$f" && files+=("$f")
done < <( { ls "$corpus"/wasi-testsuite/tests/rust/testsuite/wasm32-wasip3/*.wasm 2>/dev/null
            find "$corpus/wac" -name '*.wasm' 2>/dev/null
            find "$PEERS_CACHE/node/node_modules/@bytecodealliance" -name '*.wasm' 2>/dev/null
            ls "$PEERS_CACHE"/bench/*.component.wasm "$PEERS_CACHE"/realworld/components/*.wasm 2>/dev/null
          } | sort -u)

"$root/jwt" --version >/dev/null 2>&1 || true   # builds the CLI once if needed
same=0; total=0
for f in "${files[@]}"; do
  total=$((total + 1))
  name=$(echo "$f" | sed 's|.*/||; s|\.wasm$||')-$total
  if ! jco print "$f" > "$out/$name.jco" 2> "$out/$name.jco.err"; then
    # wasm-tools refuses it: jwt must refuse it too
    if "$root/jwt" print "$f" > "$out/$name.jwt" 2> "$out/$name.jwt.err"; then
      echo "DIFF  $f (wasm-tools fails, jwt prints)"
    else
      same=$((same + 1)); echo "same  $f (both fail)"
    fi
    continue
  fi
  "$root/jwt" print "$f" > "$out/$name.jwt" 2> "$out/$name.jwt.err"
  # jco adds a newline after wasm-tools' text
  if diff <(sed -e '$!b' -e '/^$/d' "$out/$name.jco") "$out/$name.jwt" > "$out/$name.diff"; then
    same=$((same + 1)); echo "same  $f"; rm -f "$out/$name.diff" "$out/$name.jco" "$out/$name.jwt"
  else
    echo "DIFF  $f ($out/$name.diff)"
  fi
done
echo "identical: $same/$total"
