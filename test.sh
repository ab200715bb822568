#!/usr/bin/env bash
# Runs every test: installs the Debian packages the tests need when missing, starts a throwaway
# PostgreSQL and a throwaway SMTP server on 127.0.0.1 in temporary folders (stopped again on exit),
# then `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")"

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || need+=(postgresql)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
# Debian's python3 (not a pyenv one on PATH) runs the test SMTP server.
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || need+=(python3-aiosmtpd)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installerer: ${need[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

# Throwaway PostgreSQL: its own folder and port, trust auth on loopback only.
pg_dir=$(mktemp -d /tmp/videnscenter-pg.XXXXXX)
pg_port=$(( 20000 + RANDOM % 20000 ))
pg_user=postgres
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u "$pg_user" -- "$@"; else "$@"; fi; }
if [ "$(id -u)" -eq 0 ]; then id -u "$pg_user" >/dev/null 2>&1 || useradd --system --no-create-home "$pg_user"; chown "$pg_user" "$pg_dir"; fi
smtp_dir=$(mktemp -d /tmp/videnscenter-smtp.XXXXXX)
smtp_pid=""
cleanup() {
  run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
  [ -n "$smtp_pid" ] && kill "$smtp_pid" 2>/dev/null || true
  rm -rf "$smtp_dir"
}
trap cleanup EXIT
run_pg "$pg_bin/initdb" -D "$pg_dir/data" -U videnscenter --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off -c full_page_writes=off" start >/dev/null
export VIDENSCENTER_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=videnscenter;Database=postgres"
echo "PostgreSQL til testene kører på 127.0.0.1:$pg_port"

# Throwaway SMTP server (aiosmtpd) on loopback: every mail it receives lands in a maildir, where the
# tests read it. The maildir must not exist beforehand: aiosmtpd creates it with new/, cur/, tmp/.
smtp_port=$(( 40000 + RANDOM % 20000 ))
/usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$smtp_port" -c aiosmtpd.handlers.Mailbox "$smtp_dir/maildir" \
  >"$smtp_dir/log" 2>&1 &
smtp_pid=$!
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$smtp_port") 2>/dev/null && break; sleep 0.1; done
export VIDENSCENTER_TEST_SMTP="127.0.0.1:$smtp_port"
export VIDENSCENTER_TEST_SMTP_MAILDIR="$smtp_dir/maildir"
echo "SMTP-server til testene kører på 127.0.0.1:$smtp_port"

dotnet build Videnscenter.sln -c Release -nologo -v q
# House style (.editorconfig), checked over the whole solution.
dotnet format Videnscenter.sln --verify-no-changes --no-restore -v q
# Only permissive licences ship (MIT, Apache-2.0, BSD, PostgreSQL, MS-PL): any other package fails the run.
dotnet run -c Release --project tools/LicenceCheck -- src/Videnscenter.Web/obj/project.assets.json
# The README's "Sæt i drift": the published site in Production on loopback (about half a minute).
tests/production/check-published-site.sh
dotnet test Videnscenter.sln -c Release --no-build --nologo -v q --logger "console;verbosity=minimal" "$@"
