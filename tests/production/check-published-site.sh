#!/usr/bin/env bash
# The "Sæt i drift" path, tried for real: publishes the site (from the Release build ./test.sh just
# made), runs the published output in Production on a loopback port with a temporary data folder,
# behind a pretend reverse proxy (127.0.0.1 is configured as the known proxy), and checks that the
# theme's CSS and scripts have bodies and the right types, that errors show the Danish pages, and
# that HSTS and the security headers are sent. Stops the site again. Usage: from the repository root.
set -euo pipefail
work=$(mktemp -d /tmp/videnscenter-prod.XXXXXX)
port=$(( 40000 + RANDOM % 20000 ))
site_pid=""
stop() {
  [ -n "$site_pid" ] && kill "$site_pid" 2>/dev/null && wait "$site_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap stop EXIT
fail() { echo "PRODUKTIONSTJEK FEJLEDE: $*" >&2; echo "--- sitets log ---" >&2; tail -n 40 "$work/site.log" >&2 || true; exit 1; }

dotnet publish src/Videnscenter.Web -c Release --no-build -nologo -v q -o "$work/site" >/dev/null
(
  cd "$work/site"
  ASPNETCORE_ENVIRONMENT=Production \
  Videnscenter__DataPath="$work/data" \
  Videnscenter__KnownProxies=127.0.0.1 \
  Videnscenter__PublicUrl="https://videnscenter.example" \
  AllowedHosts="127.0.0.1;videnscenter.example" \
  VIDENSCENTER_ADMIN_PASSWORD="Produktion-Tjek-2026" \
  exec dotnet Videnscenter.Web.dll --urls "http://127.0.0.1:$port"
) >"$work/site.log" 2>&1 &
site_pid=$!

base="http://127.0.0.1:$port"
# The first start seeds the site (recipe, media, search index): up to three minutes on a busy 2-core machine.
for _ in $(seq 1 360); do
  curl -fsS -o /dev/null "$base/health" 2>/dev/null && break
  kill -0 "$site_pid" 2>/dev/null || fail "sitet stoppede under opstarten"
  sleep 0.5
done
curl -fsS -o /dev/null "$base/health" || fail "sitet svarede ikke på /health inden for 180 sekunder"
grep -q "Hosting environment: Production" "$work/site.log" || fail "sitet kørte ikke som Production"

# Requests as the proxy forwards them: over HTTPS, for the public host.
get() { curl -sS -H "Host: videnscenter.example" -H "X-Forwarded-Proto: https" -H "X-Forwarded-For: 203.0.113.10" "$@"; }

home=$(get "$base/")
for kind in css js; do
  if [ $kind = css ]; then path=$(grep -o 'href="[^"]*\.css[^"]*"' <<<"$home" | head -n1 | cut -d'"' -f2)
  else path=$(grep -o 'src="[^"]*\.js[^"]*"' <<<"$home" | head -n1 | cut -d'"' -f2); fi
  [ -n "$path" ] || fail "forsiden linker ikke til en .$kind-fil"
  get -o "$work/asset" -D "$work/asset.headers" "$base$path"
  size=$(stat -c %s "$work/asset")
  type=$(grep -i '^content-type:' "$work/asset.headers" | tr -d '\r' | cut -d' ' -f2-)
  [ "$size" -gt 100 ] || fail "$path har et tomt svar ($size bytes)"
  case "$kind:$type" in
    css:text/css*|js:text/javascript*|js:application/javascript*) ;;
    *) fail "$path har content-type «$type»" ;;
  esac
  echo "ok: $path, $size bytes, $type"
done

get -o "$work/404" -w '%{http_code}' "$base/findes/ikke" | grep -q '^404$' || fail "/findes/ikke svarede ikke 404"
grep -q "Siden findes ikke" "$work/404" || fail "404 viser ikke den danske fejlside"
get -o "$work/400" -w '%{http_code}' "$base/medier/nope.png?w=abc" | grep -q '^400$' || fail "/medier/nope.png?w=abc svarede ikke 400"
grep -q "kunne ikke bruges" "$work/400" || fail "400 viser ikke den danske fejlside"
! grep -qi "exception\|stack" "$work/400" || fail "400-siden viser en stakspor"
echo "ok: danske fejlsider for 404 og 400"

get -o /dev/null -D "$work/headers" "$base/"
for header in "strict-transport-security: max-age=" "content-security-policy: default-src 'self'" \
              "x-content-type-options: nosniff" "x-frame-options: DENY" "referrer-policy:"; do
  grep -qi "^$header" "$work/headers" || fail "svaret mangler «$header»"
done
echo "ok: HSTS og sikkerhedsheaders"

# The Host header is the public address's business only: an unknown host is refused.
code=$(curl -sS -o /dev/null -w '%{http_code}' -H "Host: evil.example" "$base/")
[ "$code" = 400 ] || fail "Host: evil.example gav $code, ikke 400 (AllowedHosts)"
echo "ok: ukendt Host afvist"
echo "Det udgivne site kører i Production som det skal."
