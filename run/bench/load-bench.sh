#!/usr/bin/env bash
# Load + instantiate time of real modules, jwt against Chicory (interpreter and compiler), cold and
# warm. Phases: decode+validate (Chicory: parse, which validates), compile to JVM classes (Chicory's
# interpreter has none), instantiate with stub imports (no _start). Milliseconds, median; the phases
# are CPU time of the working thread (a shared machine's load and the JIT's threads blur wall
# times), "wall" the elapsed time of the three.
#   cold  = round 1 of a fresh JVM (COLD runs, default 3), plus the whole process (wall / CPU)
#   warm  = rounds 3..WARM of one JVM (default 6), the same module compiled again and again
# Usage (from the project root, after `mvn -o -q install -DskipTests` or at least a build of cli and
# run's test classes):
#   . ~/.cache/jwt-peers/env.sh; bash run/bench/load-bench.sh [FILE.wasm...]
# Without files: wabt's wat2wasm (1.5 MB), wasm-tools (2.4 MB), the splicer (5.7 MB) and
# StarlingMonkey (10.5 MB), the largest real core module in the peers cache.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cache=${PEERS_CACHE:-$HOME/.cache/jwt-peers}
: "${CHICORY_CP:?source \$PEERS_CACHE/env.sh first}"
COLD=${COLD:-3}
WARM=${WARM:-6}
ENGINES=${ENGINES:-"jwt chicory-int chicory-comp"}
nm=$cache/node/node_modules/@bytecodealliance
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  files=("$cache/realworld/chicory-wabt/wat2wasm.wasm" "$nm/jco-transpile/vendor/wasm-tools.core.wasm"
         "$nm/componentize-js/lib/spidermonkey-embedding-splicer.core.wasm"
         "$nm/componentize-js/lib/starlingmonkey_embedding.wasm")
fi
jar=$root/cli/target/jwt.jar
tests=$root/run/target/test-classes
[ -f "$jar" ] && [ -f "$tests/dev/jwt/run/bench/LoadBenchmark.class" ] \
  || { echo "build first: mvn -o -q package -DskipTests -pl cli -am && mvn -o -q test-compile -pl run" >&2; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
javac -d "$work" -cp "$CHICORY_CP" "$root/run/bench/ChicoryLoad.java"
jvm=(java -Xss16m -XX:+UseSerialGC)

cmd() { # engine -> the command line before the options and files
  case $1 in
    jwt) echo "${jvm[*]} -cp $jar:$tests dev.jwt.run.bench.LoadBenchmark" ;;
    chicory-int) echo "${jvm[*]} -cp $CHICORY_CP:$work ChicoryLoad" ;;
    chicory-comp) echo "${jvm[*]} -cp $CHICORY_CP:$work ChicoryLoad --compiler" ;;
  esac
}
median() { sort -g | awk '{a[NR]=$1} END {if (NR == 0) print "-"; else if (NR % 2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'; }

echo "| module | engine | cold: validate | compile | instantiate | total | wall | process wall | process cpu | warm: validate | compile | instantiate | total | wall |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for f in "${files[@]}"; do
  name=$(basename "$f")
  for e in $ENGINES; do
    : >"$work/cold"; : >"$work/wall"; : >"$work/cpu"
    for ((i = 0; i < COLD; i++)); do
      /usr/bin/time -f '%e %U %S' -o "$work/time" $(cmd "$e") "$f" >>"$work/cold"
      awk '{printf "%.0f\n", $1 * 1000}' "$work/time" >>"$work/wall"
      awk '{printf "%.0f\n", ($2 + $3) * 1000}' "$work/time" >>"$work/cpu"
    done
    $(cmd "$e") --rounds "$WARM" "$f" | awk '$3 >= 3' >"$work/warm"
    col() { awk -v c="$1" '{print $c}' "$2" | median; }
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$e" \
      "$(col 4 "$work/cold")" "$(col 5 "$work/cold")" "$(col 6 "$work/cold")" "$(col 7 "$work/cold")" "$(col 8 "$work/cold")" \
      "$(median <"$work/wall")" "$(median <"$work/cpu")" \
      "$(col 4 "$work/warm")" "$(col 5 "$work/warm")" "$(col 6 "$work/warm")" "$(col 7 "$work/warm")" "$(col 8 "$work/warm")"
  done
done
