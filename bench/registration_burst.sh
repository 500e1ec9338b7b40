#!/usr/bin/env bash
# kaimolink registration burst: 500 people register at once for an event with 15 places,
# through gunicorn (2 sync workers) on PostgreSQL. Usage: bash bench/registration_burst.sh
# Writes bench/results/registration_burst.md; see docs/performance.md, "Registration burst".
#
# Environment: PGHOST/PGPORT/PGUSER (default 127.0.0.1:5432, postgres), BURST_DB (kl_burst,
# dropped and re-created), BURST_PEOPLE (500), BURST_CAPACITY (15), BURST_THREADS (50),
# BURST_WORKERS (gunicorn workers, 2), BURST_TIMEOUT (60 s), BURST_PORT (8766),
# BURST_OUT (bench/results/registration_burst.md).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"
KL="$ROOT/.venv/bin/kaimolink"
PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-postgres}"
DB="${BURST_DB:-kl_burst}"
PORT="${BURST_PORT:-8766}"
WORKERS="${BURST_WORKERS:-2}"
OUT="${BURST_OUT:-bench/results/registration_burst.md}"
export PGHOST PGPORT PGUSER

WORK="$(mktemp -d /tmp/kl-burst.XXXXXX)"
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
export KAIMOLINK_DATA_DIR="$WORK/data"   # also holds the SECRET_KEY shared by setup and server
export DEBUG=0
export ALLOWED_HOSTS=127.0.0.1
export LOG_LEVEL=ERROR
export DJANGO_SETTINGS_MODULE=kaimolink.settings
mkdir -p "$KAIMOLINK_DATA_DIR" bench/results

echo "== machine"
echo "nproc: $(nproc)"; free -m | head -2
psql -Atc "select version()" postgres

echo "== database $DB (re-created)"
psql -q -c "DROP DATABASE IF EXISTS $DB" postgres
psql -q -c "CREATE DATABASE $DB" postgres
"$KL" migrate --noinput -v0
"$PY" bench/registration_burst.py setup --plan "$WORK/plan.json" \
  --people "${BURST_PEOPLE:-500}" --capacity "${BURST_CAPACITY:-15}"

echo "== collectstatic"
"$KL" collectstatic --noinput -v0

echo "== gunicorn on 127.0.0.1:$PORT ($WORKERS workers)"
"$ROOT/.venv/bin/gunicorn" kaimolink.wsgi -w "$WORKERS" -b "127.0.0.1:$PORT" \
  --error-logfile "$WORK/gunicorn.log" --log-level warning &
GUNICORN_PID=$!
for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; then break; fi
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null

echo "== burst"
set +e
"$PY" bench/registration_burst.py burst --base "http://127.0.0.1:$PORT" --plan "$WORK/plan.json" \
  --threads "${BURST_THREADS:-50}" --timeout "${BURST_TIMEOUT:-60}" --out "$OUT" \
  --note "server: gunicorn kaimolink.wsgi -w $WORKERS (sync workers), DEBUG=0, CONN_MAX_AGE=60, PostgreSQL $(psql -Atc 'show server_version' postgres)"
STATUS=$?
set -e
if [ -s "$WORK/gunicorn.log" ]; then
  echo "== gunicorn error log"
  cat "$WORK/gunicorn.log"
  { echo; echo "gunicorn error log:"; echo; echo '```'; cat "$WORK/gunicorn.log"; echo '```'; } >> "$OUT"
fi
exit $STATUS
