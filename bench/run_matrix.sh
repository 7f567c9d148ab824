#!/bin/sh
# Generate and bench the sizes of docs/benchmarks.md on scratch databases; JSON lands in $OUT.
# usage: bench/run_matrix.sh [sqlite|postgresql] SIZE...      e.g. bench/run_matrix.sh postgresql 10000 100000 1000000
set -eu
ENGINE=${1:?sqlite or postgresql}; shift
OUT=${OUT:-/tmp/bench-logs}; mkdir -p "$OUT"
MANDATE=${MANDATE:-.venv/bin/mandate}
for SIZE in "$@"; do
  if [ "$ENGINE" = postgresql ]; then
    DB=mandate_bench_$SIZE
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/$DB MANDATE_DATA_DIR=/tmp/bench-pg
  else
    unset DATABASE_URL || true
    export MANDATE_DATA_DIR=/tmp/bench-sqlite-$SIZE; rm -rf "$MANDATE_DATA_DIR"
  fi
  $MANDATE migrate -v0
  $MANDATE generate --tasks "$SIZE" --seed 1 --today 2026-11-23 --json > "$OUT/generate-$ENGINE-$SIZE.json"
  $MANDATE bench --json --repeat "${REPEAT:-5}" > "$OUT/bench-$ENGINE-$SIZE.json"
done
