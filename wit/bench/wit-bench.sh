#!/usr/bin/env bash
# WIT benchmark (issue 6): parse + resolve time of the whole WASI 0.2 set (../shared/spec/wasi-0.2),
# warm JVM (WitBenchmark) and cold CLI, beside jco (wasm-tools' wit-parser and wit-component
# compiled to wasm, run by node) on the same input. Run from the repository root after
# `mvn -o -q package -DskipTests -pl cli -am && mvn -o -q test-compile -pl wit -am`.
#
# jco cannot parse a WIT directory on its own behalf as `jwt wit DIR` does: `jco types DIR` parses
# and resolves it and then writes TypeScript declarations (more work than ours), and `jco wit`
# only reads binaries. So the peer figures are (1) `jco types` on the directory, an upper bound of
# its parse + resolve, and (2) `jco wit` on the WASI set encoded as a binary WIT package (decode +
# print), beside `jwt wit` on the very same binary.
set -euo pipefail
CACHE="${PEERS_CACHE:-$HOME/.cache/jwt-peers}"
. "$CACHE/env.sh"
WASI="${1:-../shared/spec/wasi-0.2}"
WASI="$(cd "$WASI" && pwd)"
RUNS="${RUNS:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# One directory holding the set as `wasm-tools component wit` reads it: wasi:http at the top (it
# uses every other package) and the other packages under deps/.
mkdir -p "$work/wasi/deps"
cp "$WASI"/http/wit/*.wit "$work/wasi/"
for p in "$WASI"/*/; do
  name="$(basename "$p")"
  [ "$name" = http ] || ln -s "$p/wit" "$work/wasi/deps/$name"
done

# The CLI jar carries wit and its runtime dependencies (ANTLR); the benchmark main is a test class.
CP="cli/target/jwt.jar:wit/target/test-classes"

# Median wall time in ms of RUNS runs of a command (output discarded).
median_ms() {
  local times=()
  for _ in $(seq "$RUNS"); do
    local s e
    s=$(date +%s%N)
    "$@" >/dev/null 2>&1
    e=$(date +%s%N)
    times+=($(( (e - s) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

echo "## warm JVM, in-process (WitBenchmark: Wit.loadAll over every package directory)"
java -cp "$CP" dev.jwt.wit.bench.WitBenchmark "$WASI"
echo
./jwt wit "$work/wasi" --wasm -o "$work/wasi.wasm"
echo "## cold process, median of $RUNS runs (wall ms)"
printf '%-44s %8s\n' command ms
printf '%-44s %8s\n' "jwt wit DIR (parse+resolve+print)" "$(median_ms ./jwt wit "$work/wasi")"
printf '%-44s %8s\n' "jco types DIR (parse+resolve+TS bindgen)" "$(median_ms jco types "$work/wasi" -o "$work/types")"
printf '%-44s %8s\n' "jwt wit wasi.wasm (decode+print)" "$(median_ms ./jwt wit "$work/wasi.wasm")"
printf '%-44s %8s\n' "jco wit wasi.wasm (decode+print)" "$(median_ms jco wit "$work/wasi.wasm")"
printf '%-44s %8s\n' "jwt --version (JVM start floor)" "$(median_ms ./jwt --version)"
printf '%-44s %8s\n' "node -e 0 (node start floor)" "$(median_ms node -e 0)"
