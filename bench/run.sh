#!/usr/bin/env bash
# kaimolink benchmark: 100 000 actors on PostgreSQL, gunicorn with 2 workers, a bounded
# load generator on the loopback interface. Usage: bash bench/run.sh
# Writes bench/results/latest.md (and .json); see docs/performance.md.
#
# Environment: PGHOST/PGPORT/PGUSER (default 127.0.0.1:5432, postgres), BENCH_DB (kl_bench),
# BENCH_LAGS (10), BENCH_ACTORS (100000), BENCH_DURATION (10 s per endpoint),
# BENCH_CLIENTS (8), BENCH_PORT (8765), BENCH_OUT (bench/results/latest.md),
# BENCH_KEEP_DB=1 to measure the existing database without re-creating and seeding it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"
KL="$ROOT/.venv/bin/kaimolink"
PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-postgres}"
DB="${BENCH_DB:-kl_bench}"
OUT="${BENCH_OUT:-bench/results/latest.md}"
LAGS="${BENCH_LAGS:-10}"
ACTORS="${BENCH_ACTORS:-100000}"
PORT="${BENCH_PORT:-8765}"
export PGHOST PGPORT PGUSER

WORK="$(mktemp -d /tmp/kl-bench.XXXXXX)"
GUNICORN_PID=""
cleanup() {
  if [ -n "$GUNICORN_PID" ] && kill -0 "$GUNICORN_PID" 2>/dev/null; then
    kill -TERM "$GUNICORN_PID"
    wait "$GUNICORN_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

export DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$DB"
export KAIMOLINK_DATA_DIR="$WORK/data"
export DEBUG=0
export ALLOWED_HOSTS=127.0.0.1
export LOG_LEVEL=ERROR
mkdir -p "$KAIMOLINK_DATA_DIR" bench/results

echo "== machine"
echo "nproc: $(nproc)"; free -m | head -2
psql -Atc "select version()" postgres

if [ "${BENCH_KEEP_DB:-0}" != 1 ]; then
  echo "== database $DB (re-created)"
  psql -q -c "DROP DATABASE IF EXISTS $DB" postgres
  psql -q -c "CREATE DATABASE $DB" postgres
  "$KL" migrate --noinput -v0
  "$KL" seed_demo | sed -n '1,3p'
  echo "== seed_scale --lags $LAGS --actors $ACTORS"
  start=$(date +%s.%N)
  "$KL" seed_scale --lags "$LAGS" --actors "$ACTORS"
  SEED_SECONDS=$(printf "%.1f" "$(echo "$(date +%s.%N) - $start" | bc)")
  echo "seed_scale wall time: ${SEED_SECONDS} s"
  SEED_NOTE="seed_scale --lags $LAGS --actors $ACTORS: ${SEED_SECONDS} s wall time"
else
  SEED_NOTE="existing database $DB measured (BENCH_KEEP_DB=1), not re-seeded"
fi

echo "== collectstatic"
"$KL" collectstatic --noinput -v0

PUBLISHED=$(psql -Atc "select count(*) from actors_actor where status='published'" "$DB")
LAG_SLUG=$(psql -Atc "select slug from core_lag where slug like 'scale-%' order by slug limit 1" "$DB")
# Profiles: a fixed, spread-out sample of published actors (every 500th by id).
psql -Atc "select slug from (select slug, row_number() over (order by id) n from actors_actor
           where status='published') s where n % 500 = 1" "$DB" > "$WORK/slugs.txt"

echo "== gunicorn on 127.0.0.1:$PORT"
"$ROOT/.venv/bin/gunicorn" kaimolink.wsgi -w 2 -b "127.0.0.1:$PORT" \
  --error-logfile "$WORK/gunicorn.log" --log-level warning &
GUNICORN_PID=$!
for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; then break; fi
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null

echo "== load"
set +e
"$PY" bench/load.py --base "http://127.0.0.1:$PORT" \
  --duration "${BENCH_DURATION:-10}" --clients "${BENCH_CLIENTS:-8}" \
  --lag "$LAG_SLUG" --slugs "$WORK/slugs.txt" --out "$OUT" \
  --note "data: $PUBLISHED published actors ($LAGS synthetic LAGs + the 3 demo LAGs), PostgreSQL $(psql -Atc 'show server_version' postgres)" \
  --note "$SEED_NOTE" \
  --note "server: gunicorn kaimolink.wsgi -w 2 (sync workers), DEBUG=0, CONN_MAX_AGE=60"
STATUS=$?
set -e
if [ -s "$WORK/gunicorn.log" ]; then
  echo "== gunicorn log (last lines)"; tail -n 20 "$WORK/gunicorn.log"
fi
exit $STATUS
