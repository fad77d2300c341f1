#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Interop with Kamailio (Debian's kamailio + kamailio-tls-modules, installed by scripts/bootstrap)
# as a real SIP server requiring client certificates, in both directions:
#   sipmtls connect -> Kamailio (it verifies us; we verify it; OPTIONS 200)
#   Kamailio -> sipmtls listen (Kamailio relays an OPTIONS and dials us with its client cert)
# Usage: kamailio_test.sh SIPMTLS_BINARY TESTCERTS_DIR. Exit 77 (skipped) without Kamailio.
set -uo pipefail
bin=$1
certs=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v kamailio >/dev/null || [ ! -e /usr/lib/x86_64-linux-gnu/kamailio/modules/tls.so ]; then
  echo "SKIP: kamailio or kamailio-tls-modules not installed (scripts/bootstrap installs them)"
  exit 77
fi
work=$(mktemp -d)
kpid=""
lpid=""
cleanup() {
  [ -n "$lpid" ] && kill "$lpid" 2>/dev/null
  [ -n "$kpid" ] && kill -TERM "$kpid" 2>/dev/null && wait "$kpid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
fails=0
check() {  # check NAME CONDITION...
  local name=$1; shift
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; fails=$((fails + 1)); fi
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null ||
              echo $((20000 + RANDOM % 20000)); }
wait_port() { for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.05; done; return 1; }

kport=$(free_port)
sed "s#@DIR@#$work#g; s#@PORT@#$kport#g" "$here/kamailio/kamailio.cfg.in" > "$work/kamailio.cfg"
sed "s#@CERTS@#$certs#g" "$here/kamailio/tls.cfg.in" > "$work/tls.cfg"
mkdir -p "$work/run"
kamailio -c -f "$work/kamailio.cfg" -Y "$work/run" >"$work/check.log" 2>&1 || { cat "$work/check.log"; exit 1; }
kamailio -f "$work/kamailio.cfg" -Y "$work/run" -P "$work/run/kamailio.pid" -DD -E -m 64 -M 8 >"$work/kamailio.log" 2>&1 &
kpid=$!
wait_port "$kport" || { echo "Kamailio did not start"; cat "$work/kamailio.log"; exit 1; }

common=(--ca "$certs/pki/root-ca.pem" --at 2026-06-01 --timeout 5)
for tls in 1.2 1.3; do
  out=$("$bin" --format json --tls "$tls" connect "127.0.0.1:$kport" --fqdn sip-b.contoso.test \
        --cert "$certs/cases/a-rsa.pem" --key "$certs/cases/a-rsa.key" "${common[@]}")
  rc=$?
  check "TLS $tls good pair: exit 0" test "$rc" = 0
  check "TLS $tls good pair: OPTIONS 200 from Kamailio" grep -q '"status": 200' <<<"$out"
  check "TLS $tls good pair: Kamailio sent its CA list or used TLS 1.3" \
    bash -c '[ "$1" = 1.3 ] || grep -q "Contoso Test Root CA" <<<"$2"' _ "$tls" "$out"

  out=$("$bin" --format json --tls "$tls" connect "127.0.0.1:$kport" --fqdn sip-b.contoso.test \
        --cert "$certs/cases/untrusted-root.pem" --key "$certs/cases/untrusted-root.key" "${common[@]}")
  rc=$?
  check "TLS $tls untrusted client: exit 1" test "$rc" = 1
  check "TLS $tls untrusted client: PEER_REJECTED_OUR_CERT" grep -q '"code": "PEER_REJECTED_OUR_CERT"' <<<"$out"
  check "TLS $tls untrusted client: alert unknown_ca" grep -q '"alert_received": "unknown_ca (48)"' <<<"$out"

  # Our SIP identity as an Edge sends it, and the peer's refusal with its ms-diagnostics.
  check "TLS $tls our OPTIONS: Contact and Via carry our certificate's FQDN" \
    grep -q 'contact=\[<sip:sip-a.contoso.test:5061;transport=tls>\] via_host=\[sip-a.contoso.test\]' "$work/kamailio.log"
  out=$("$bin" --format json --tls "$tls" connect "127.0.0.1:$kport" --fqdn sip-b.contoso.test --sip-domain blocked.test \
        --cert "$certs/cases/a-rsa.pem" --key "$certs/cases/a-rsa.key" "${common[@]}")
  rc=$?
  check "TLS $tls refused domain: exit 1" test "$rc" = 1
  check "TLS $tls refused domain: From carried --sip-domain" grep -q 'from_domain=\[blocked.test\]' "$work/kamailio.log"
  check "TLS $tls refused domain: 403 with its ms-diagnostics in the finding" \
    grep -q '"message": "OPTIONS got 403 Forbidden: TLS works, SIP refuses; ms-diagnostics: 1034;reason=' <<<"$out"
  check "TLS $tls refused domain: ms-diagnostics in sip.diagnostics" grep -q '"name": "ms-diagnostics"' <<<"$out"

  out=$("$bin" --format json --tls "$tls" connect "127.0.0.1:$kport" --fqdn sip-x.contoso.test \
        --cert "$certs/cases/a-rsa.pem" --key "$certs/cases/a-rsa.key" "${common[@]}")
  check "TLS $tls wrong name: NAME_MISMATCH on Kamailio's certificate" grep -q '"code": "NAME_MISMATCH"' <<<"$out"
done

# Kamailio dials our listener: an OPTIONS for sip:127.0.0.1:LPORT;transport=tls makes it relay.
lport=$(free_port)
"$bin" --format json --timeout 5 listen "127.0.0.1:$lport" --cert "$certs/cases/a-rsa.pem" \
  --key "$certs/cases/a-rsa.key" --ca "$certs/pki/root-ca.pem" --fqdn sip-b.contoso.test \
  --at 2026-06-01 --count 1 >"$work/listen.json" 2>"$work/listen.err" &
lpid=$!
wait_port "$lport" || { echo "listen did not start"; cat "$work/listen.err"; exit 1; }
# the wait_port probe was a connection too: it ends as a failed one; Kamailio's is the next
kill "$lpid" 2>/dev/null; wait "$lpid" 2>/dev/null
"$bin" --format json --timeout 5 listen "127.0.0.1:$lport" --cert "$certs/cases/a-rsa.pem" \
  --key "$certs/cases/a-rsa.key" --ca "$certs/pki/root-ca.pem" --fqdn sip-b.contoso.test \
  --at 2026-06-01 --count 1 >"$work/listen.json" 2>"$work/listen.err" &
lpid=$!
# Ready when it says so (a fixed sleep is too short under ASan on a loaded machine).
for _ in $(seq 200); do grep -q "listening on port" "$work/listen.err" 2>/dev/null && break; sleep 0.05; done
ruri="sip:127.0.0.1:$lport;transport=tls"
reply=$( (printf 'OPTIONS %s SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1:5099;branch=z9hG4bK-k%s\r\nMax-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=t1\r\nTo: <%s>\r\nCall-ID: kam-%s@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n' \
          "$ruri" "$RANDOM" "$ruri" "$RANDOM"; sleep 2) |
        openssl s_client -connect "127.0.0.1:$kport" -cert "$certs/cases/a-rsa.pem" -key "$certs/cases/a-rsa.key" \
          -cert_chain "$certs/pki/issuing-ca.pem" -CAfile "$certs/pki/root-ca.pem" -quiet -no_ign_eof 2>/dev/null)
wait "$lpid"
lrc=$?
lpid=""
check "Kamailio as client: our listener passed it (exit 0)" test "$lrc" = 0
check "Kamailio as client: it presented sip-b's certificate" grep -q '"name": "sip-b.contoso.test"' "$work/listen.json"
check "Kamailio as client: we answered its OPTIONS 200, relayed back" grep -q 'SIP/2.0 200 OK' <<<"$reply"

if [ "$fails" -ne 0 ]; then
  echo "--- kamailio.log"; tail -30 "$work/kamailio.log"; echo "--- listen"; cat "$work/listen.json" "$work/listen.err"
  exit 1
fi
echo "kamailio interop: all checks passed"
