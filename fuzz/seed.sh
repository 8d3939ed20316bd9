#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from catalog/*.json and tests/fixtures/responses/ (recursively).
# `mapping` reads two selector bytes before the body: byte 0 is the index of the descriptor in
# the sorted catalog (as build.rs lists it), byte 1 the HTTP status (0 = 200). A fixture in
# responses/<service-id>/ gets the index of catalog/<service-id>.json; hz-traffic-* belongs to
# traffic-violations.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
responses="$root/tests/fixtures/responses"
mkdir -p "$here/corpus/parse" "$here/corpus/mapping"
cp "$root"/catalog/*.json "$here/corpus/parse/"
find "$responses" -name '*.json' | while read -r f; do
  rel="${f#"$responses"/}"
  cp "$f" "$here/corpus/parse/fixture-${rel//\//-}"
done
i=0
for d in "$root"/catalog/*.json; do
  id="$(basename "$d" .json)"
  prefix="$(printf '\\%03o\\000' "$i")"
  for f in "$responses/$id"/*.json $( [ "$id" = traffic-violations ] && echo "$responses"/hz-traffic-*.json ); do
    [ -f "$f" ] || continue
    { printf "$prefix"; cat "$f"; } > "$here/corpus/mapping/seed-$id-$(basename "$f" .json)"
  done
  i=$((i + 1))
done
echo "seeded: $(ls "$here/corpus/parse" | wc -l) parse, $(ls "$here/corpus/mapping" | wc -l) mapping inputs"
