#!/usr/bin/env bash
# Print throughput of jwt's printer beside wasm2wat (wabt) and `jco print` (wasm-tools in node),
# on the largest real modules of the peers cache. Run from the repository root after
# `mvn -o -q test-compile -pl print -am`. Peers come from ../shared/peers/setup.sh.
set -euo pipefail
CACHE="${PEERS_CACHE:-$HOME/.cache/jwt-peers}"
. "$CACHE/env.sh"
N="$CACHE/node/node_modules"
FILES=(
  "$N/@bytecodealliance/componentize-js/lib/starlingmonkey_embedding.debug.wasm"
  "$N/@bytecodealliance/componentize-js/lib/starlingmonkey_embedding.wasm"
  "$N/@bytecodealliance/componentize-js/lib/spidermonkey-embedding-splicer.core.wasm"
  "$N/@bytecodealliance/jco-transpile/vendor/js-component-bindgen-component.core.wasm"
  "$N/@bytecodealliance/jco-transpile/vendor/wasm-tools.core.wasm"
  "$CACHE/realworld/chicory-wabt/wat2wasm.wasm"
)
CP="binary/target/classes:print/target/classes:print/target/test-classes"
# CPU seconds (user + system) of a whole process: the machine is shared, so wall time is noisy.
secs() { /usr/bin/time -f "%U %S" -o /tmp/print-bench.time "$@" >/dev/null 2>&1 || true; awk '{print $1 + $2}' /tmp/print-bench.time; }
echo "## jwt in-process (warm, median of 7)"
java -cp "$CP" dev.jwt.print.PrintBenchmark "${FILES[@]}"
echo
echo "## whole process, one file per run (CPU seconds user+sys, MB of input per CPU second)"
printf '%-48s %9s | %15s | %15s | %15s\n' file MB "jwt (java)" wasm2wat "jco print"
for f in "${FILES[@]}"; do
  mb=$(echo "scale=2; $(stat -c %s "$f") / 1000000" | bc)
  j=$(secs java -XX:+UseParallelGC -cp "$CP" dev.jwt.print.PrintBenchmark --once "$f")
  w=$(secs wasm2wat --enable-all "$f" -o /dev/null)
  c=$(secs jco print "$f" -o /dev/null)
  printf '%-48s %9s | %6.2fs %5.1f/s | %6.2fs %5.1f/s | %6.2fs %5.1f/s\n' "$(basename "$f")" "$mb" \
    "$j" "$(echo "$mb / $j" | bc -l)" "$w" "$(echo "$mb / $w" | bc -l)" "$c" "$(echo "$mb / $c" | bc -l)"
done
