#!/usr/bin/env bash
# Crash test from the annotations issue: start `briefing note add` N times, SIGKILL each at a
# random moment, then check the store parses and holds every note whose command returned an id.
# Usage: scripts/kill_note_add.sh [N]   (uses a throwaway BRIEFING_DATA_DIR)
set -u
N=${1:-200}
BRIEFING=${BRIEFING:-briefing}
export BRIEFING_DATA_DIR=$(mktemp -d)
acked=$(mktemp)
for i in $(seq 1 "$N"); do
  out=$(mktemp)
  "$BRIEFING" note add us-allies-critical-minerals us-eight-allies "note $i" >"$out" 2>/dev/null &
  pid=$!
  sleep "0.$(( RANDOM % 60 ))"
  kill -9 "$pid" 2>/dev/null
  if wait "$pid"; then cat "$out" >> "$acked"; fi
  rm -f "$out"
done
stored=$("$BRIEFING" notes us-allies-critical-minerals --format json) || { echo "store does not parse"; exit 1; }
missing=0
while read -r id; do
  grep -q "\"$id\"" <<<"$stored" || { echo "lost: $id"; missing=$((missing + 1)); }
done < "$acked"
echo "runs: $N, acknowledged: $(wc -l < "$acked"), stored: $(grep -c '"id"' <<<"$stored"), lost: $missing"
ls "$BRIEFING_DATA_DIR/notes"
[ "$missing" -eq 0 ]
