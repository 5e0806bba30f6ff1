#!/usr/bin/env bash
# Printing the largest real components: jwt's printer beside `jco print` (wasm-tools in node), in
# one run. Run from the repository root after `mvn -o -q test-compile -pl print -am`. Peers come
# from ../shared/peers/setup.sh. Reports CPU seconds (user + sys) of a whole process per file, the
# warm in-process time of jwt, and the ratio jco/jwt (above 1: jwt is faster).
set -euo pipefail
CACHE="${PEERS_CACHE:-$HOME/.cache/jwt-peers}"
. "$CACHE/env.sh"
FILES=()
for f in "$CACHE"/realworld/components/*.wasm "$CACHE"/bench/*.component.wasm; do
  [ -f "$f" ] && FILES+=("$f")
done
# the largest three
mapfile -t FILES < <(for f in "${FILES[@]}"; do echo "$(stat -c %s "$f") $f"; done | sort -rn | head -3 | cut -d' ' -f2-)
CP="binary/target/classes:print/target/classes:print/target/test-classes"
secs() { /usr/bin/time -f "%U %S" -o /tmp/print-component-bench.time "$@" >/dev/null 2>&1 || true; awk '{print $1 + $2}' /tmp/print-component-bench.time; }
echo "## jwt in-process (warm, median of 7)"
java -cp "$CP" dev.jwt.print.PrintBenchmark "${FILES[@]}"
echo
echo "## whole process, one file per run (CPU seconds user+sys)"
printf '%-36s %8s | %10s | %10s | %s\n' file MB "jwt (java)" "jco print" "jco/jwt"
for f in "${FILES[@]}"; do
  mb=$(echo "scale=2; $(stat -c %s "$f") / 1000000" | bc)
  j=$(secs java -XX:+UseParallelGC -cp "$CP" dev.jwt.print.PrintBenchmark --once "$f")
  c=$(secs jco print "$f" -o /dev/null)
  printf '%-36s %8s | %9.2fs | %9.2fs | %6.2f\n' "$(basename "$f")" "$mb" "$j" "$c" "$(echo "$c / $j" | bc -l)"
done
