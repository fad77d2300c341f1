#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Certificate material that other software made, loaded and judged end to end:
#   OpenSSL PKCS#12 with every PBE and MAC choice, Windows-shaped exports (PKCS#8 key usage
#   attributes from -keyex/-keysig, legacy 3DES/RC2), pyca/cryptography's no-password export (an
#   absent password), UTF-8 passwords, Java's own PKCS12 and BouncyCastle's BER PKCS12, a keytool
#   key pair, and PKCS#7 bundles (PEM and DER) as certificate, --chain and --ca.
# Then a Windows-shaped PFX on both sides of `pair` (connect and listen over loopback), and an
# AD CS-style qualified subordinate CA (critical name and policy constraints) in files and sent by
# an OpenSSL server.
# Usage: producers_test.sh SIPMTLS_BINARY SOURCE_DIR. Exit 77 (skipped) without Java.
set -uo pipefail
bin=$(realpath "$1")
src=$(cd "$2" && pwd)
if ! command -v javac >/dev/null || ! command -v keytool >/dev/null; then
  echo "SKIP: no JDK (scripts/bootstrap installs default-jdk-headless)"; exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
fails=0
check() {  # check NAME CONDITION...
  local name=$1; shift
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; fails=$((fails + 1)); fi
}
quiet() { "$@" >/dev/null 2>&1; }
export P=secret U='pässwörd€𝄞' EMPTY=''
fqdn=sip.contoso.test

# A CA and a server certificate with both EKUs, made by OpenSSL.
quiet openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 3650 -subj "/CN=Producer Test Root" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" || exit 1
quiet openssl req -newkey rsa:2048 -nodes -keyout leaf.key -out leaf.csr -subj "/CN=$fqdn" || exit 1
printf 'subjectAltName=DNS:%s\nextendedKeyUsage=serverAuth,clientAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\ncrlDistributionPoints=URI:http://127.0.0.1/producer.crl\n' \
  "$fqdn" > ext.cnf
quiet openssl x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out leaf.pem -days 365 -extfile ext.cnf || exit 1
quiet openssl pkcs8 -topk8 -nocrypt -in leaf.key -outform DER -out leaf.pk8
quiet openssl x509 -in leaf.pem -outform DER -out leaf.der
quiet openssl x509 -in ca.pem -outform DER -out ca.der

export12() {  # export12 OUT PASSVAR OPTIONS...
  local out=$1 pass=$2; shift 2
  quiet openssl pkcs12 -export -in leaf.pem -inkey leaf.key -certfile ca.pem -passout "env:$pass" -out "$out" "$@"
}
# name, password variable, openssl options
cases=(
  "default P"
  "windows-keyex P -keyex"
  "windows-keysig-aes256 P -keysig -keypbe aes-256-cbc -certpbe aes-256-cbc -macalg sha256"
  "windows2003-3des-rc2-40 P -legacy -keyex -keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-RC2-40 -macalg sha1"
  "2des-rc2-128 P -legacy -keypbe PBE-SHA1-2DES -certpbe PBE-SHA1-RC2-128"
  "aes128-sha512-plain-certs P -keypbe aes-128-cbc -certpbe NONE -macalg sha512"
  "no-mac P -nomac"
  "sha1-mac P -macalg sha1"
  "iter-1 P -iter 1 -maciter"
  "empty-password EMPTY"
  "utf8-password U"
  "utf8-password-legacy U -legacy"
)
for c in "${cases[@]}"; do
  read -r name pass opts <<<"$c"
  # shellcheck disable=SC2086
  export12 "$name.p12" "$pass" $opts || { check "openssl made $name.p12" false; continue; }
  out=$(env P="${!pass}" "$bin" inspect "$name.p12" --password-env P --ca ca.pem --fqdn "$fqdn" --format json)
  check "openssl $name: loads and passes" test $? -eq 0
  check "openssl $name: key present and matching" grep -q "\"private_key\": \"matches\"" <<<"$out"
done

# pyca/cryptography without encryption: the MAC uses an absent password, not an empty one.
py=/usr/bin/python3  # Debian's, with python3-cryptography (scripts/bootstrap)
[ -x "$py" ] || py=python3
if "$py" -c 'import cryptography' 2>/dev/null; then
  "$py" - <<'PY'
from cryptography import x509
from cryptography.hazmat.primitives.serialization import NoEncryption, load_pem_private_key, pkcs12
key = load_pem_private_key(open("leaf.key", "rb").read(), None)
cert = x509.load_pem_x509_certificate(open("leaf.pem", "rb").read())
open("pyca-no-password.p12", "wb").write(pkcs12.serialize_key_and_certificates(b"sip", key, cert, None, NoEncryption()))
PY
  "$bin" inspect pyca-no-password.p12 --ca ca.pem --fqdn "$fqdn" </dev/null >/dev/null
  check "pyca no-password PFX loads without asking for a password" test $? -eq 0
else
  echo "SKIP pyca/cryptography: not installed (scripts/bootstrap installs python3-cryptography)"
fi

# Java: the JDK's PKCS12 (PBES2 + HmacPBESHA256), BouncyCastle's (BER, indefinite lengths), keytool.
mkdir classes
if javac -d classes "$src/tests/interop/java/MakePfx.java" 2>/dev/null; then
  java -cp classes MakePfx SUN PKCS12 leaf.pk8 jdk.p12 secret leaf.der ca.der
  "$bin" inspect jdk.p12 --password-env P --ca ca.pem --fqdn "$fqdn" >/dev/null
  check "JDK PKCS12: loads and passes" test $? -eq 0
  bc=/usr/share/java/bcprov.jar
  if [ -f "$bc" ]; then
    java -cp "$bc:classes" MakePfx BC PKCS12 leaf.pk8 bc.p12 secret leaf.der ca.der
    check "BouncyCastle wrote BER (indefinite length)" test "$(head -c 2 bc.p12 | od -An -tx1 | tr -d ' ')" = 3080
    "$bin" inspect bc.p12 --password-env P --ca ca.pem --fqdn "$fqdn" >/dev/null
    check "BouncyCastle BER PKCS12: loads and passes" test $? -eq 0
  else
    echo "SKIP BouncyCastle: $bc missing (scripts/bootstrap installs libbcprov-java)"
  fi
else
  check "MakePfx.java compiles" false
fi
quiet keytool -genkeypair -alias sip -keyalg EC -groupname secp256r1 -dname "CN=$fqdn" -ext "san=dns:$fqdn" \
  -ext eku=serverAuth,clientAuth -ext ku=digitalSignature -validity 365 -storetype PKCS12 -keystore keytool.p12 \
  -storepass secret
quiet keytool -exportcert -rfc -alias sip -keystore keytool.p12 -storepass secret -file keytool-self.pem
"$bin" inspect keytool.p12 --password-env P --ca keytool-self.pem --fqdn "$fqdn" --profile lcs2005 >/dev/null
check "keytool EC key pair: loads and passes" test $? -eq 0

# PKCS#7 bundles, root first as Windows writes them: as the certificate, as --ca and as --chain.
quiet openssl crl2pkcs7 -nocrl -certfile ca.pem -certfile leaf.pem -out chain.p7b
quiet openssl crl2pkcs7 -nocrl -certfile ca.pem -certfile leaf.pem -outform DER -out chain-der.p7b
quiet openssl crl2pkcs7 -nocrl -certfile ca.pem -out root.p7c
for f in chain.p7b chain-der.p7b; do
  out=$("$bin" inspect "$f" --ca ca.pem --fqdn "$fqdn" --format json)
  check "$f as the certificate: the leaf is judged and passes" test $? -eq 0
  check "$f as the certificate: format PKCS#7" grep -q "\"format\": \"PKCS#7\"" <<<"$out"
done
"$bin" inspect leaf.pem --ca root.p7c --fqdn "$fqdn" >/dev/null
check "a .p7c as --ca: trusted" test $? -eq 0
mkdir cadir && cp root.p7c cadir/
"$bin" inspect leaf.pem --ca cadir --fqdn "$fqdn" >/dev/null
check "a .p7c in a --ca directory: trusted" test $? -eq 0

# Negative cases: a wrong password is one line naming the file, exit 2; a PFX without its key.
err=$(P=wrong "$bin" inspect default.p12 --password-env P 2>&1 >/dev/null)
check "wrong password: exit 2" test $? -eq 2
check "wrong password: one line naming the file" test "$(wc -l <<<"$err")" -eq 1 -a -n "$(grep default.p12 <<<"$err")"
check "wrong password: no library error code" bash -c '! grep -q -- "-0x" <<<"$0"' "$err"
quiet openssl pkcs12 -export -in leaf.pem -nokeys -passout env:P -out nokey.p12
out=$("$bin" inspect nokey.p12 --password-env P --ca ca.pem --fqdn "$fqdn" --format json)
check "PFX without a key: inspect fails" test $? -eq 1
check "PFX without a key: PRIVATE_KEY_MISSING" grep -q "\"code\": \"PRIVATE_KEY_MISSING\"" <<<"$out"
start=$(date +%s)
out=$("$bin" pair --a-cert nokey.p12 --a-password-env P --a-fqdn "$fqdn" --a-ca ca.pem \
        --b-cert default.p12 --b-password-env P --b-fqdn "$fqdn" --b-ca ca.pem --timeout 5 --format json)
rc=$?
check "pair with a PFX without a key: fails (exit 1)" test $rc -eq 1
check "pair with a PFX without a key: PRIVATE_KEY_MISSING" grep -q "\"code\": \"PRIVATE_KEY_MISSING\"" <<<"$out"
check "pair with a PFX without a key: no network timeout waited out" test $(( $(date +%s) - start )) -lt 5

# End to end: Windows-shaped exports on both sides, dialling each other both ways.
"$bin" pair --a-cert windows-keyex.p12 --a-password-env P --a-fqdn "$fqdn" --a-ca chain.p7b \
  --b-cert bc.p12 --b-password-env P --b-fqdn "$fqdn" --b-ca root.p7c >/dev/null
check "pair: Windows-shaped PFX against BouncyCastle PFX, both directions pass" test $? -eq 0

# CRLs as RFC 5280 wants them and mbedTLS refuses them: a critical issuingDistributionPoint.
mkdir -p ca-db/new && : > ca-db/index.txt && echo 1000 > ca-db/crlnumber
cat > crl.cnf <<CNF
[ ca ]
default_ca = ca_default
[ ca_default ]
database = $work/ca-db/index.txt
crlnumber = $work/ca-db/crlnumber
default_md = sha256
crl_extensions = crl_ext
[ crl_ext ]
issuingDistributionPoint = critical, @idp
authorityKeyIdentifier = keyid
[ idp ]
fullname = URI:http://127.0.0.1/producer.crl
onlyuser = TRUE
CNF
quiet openssl ca -config crl.cnf -gencrl -cert ca.pem -keyfile ca.key -crldays 30 -out idp.crl
"$bin" inspect leaf.pem --ca ca.pem --crl idp.crl --fqdn "$fqdn" >/dev/null
check "a CRL with a critical issuingDistributionPoint loads and covers the leaf" test $? -eq 0
quiet openssl ca -config crl.cnf -revoke leaf.pem -cert ca.pem -keyfile ca.key
quiet openssl ca -config crl.cnf -gencrl -cert ca.pem -keyfile ca.key -crldays 30 -out idp-revoked.crl
out=$("$bin" inspect leaf.pem --ca ca.pem --crl idp-revoked.crl --fqdn "$fqdn" --format json)
check "the same CRL listing the leaf: CERT_REVOKED" grep -q '"code": "CERT_REVOKED"' <<<"$out"
sed -i 's#^fullname = .*#fullname = URI:http://127.0.0.1/other.crl#' crl.cnf
quiet openssl ca -config crl.cnf -gencrl -cert ca.pem -keyfile ca.key -crldays 30 -out other-dp.crl
out=$("$bin" --revocation off inspect leaf.pem --ca ca.pem --crl other-dp.crl --fqdn "$fqdn" --format json)
check "a CRL for another distribution point does not cover the leaf: REVOCATION_UNKNOWN" \
  grep -q '"code": "REVOCATION_UNKNOWN"' <<<"$out"
# Online, the CDP the given CRL does not cover is fetched, as Windows does: nothing listens there.
out=$("$bin" inspect leaf.pem --ca ca.pem --crl other-dp.crl --fqdn "$fqdn" --format json --timeout 3)
check "the uncovered leaf's CDP is fetched: REVOCATION_OFFLINE naming it" \
  grep -q '"message": "revocation could not be checked online: CRL http://127.0.0.1/producer.crl: ' <<<"$out"

# An AD CS qualified subordinate CA: critical name, policy and inhibitAnyPolicy constraints.
quiet openssl req -newkey rsa:2048 -nodes -keyout sub.key -out sub.csr -subj "/CN=Contoso Qualified Sub CA"
printf '%s\n' 'basicConstraints=critical,CA:TRUE' 'keyUsage=critical,keyCertSign,cRLSign' \
  "nameConstraints=critical,permitted;DNS:$fqdn" 'policyConstraints=critical,requireExplicitPolicy:0' \
  'inhibitAnyPolicy=critical,0' 'certificatePolicies=1.3.6.1.4.1.311.21.8.1.1' \
  'subjectKeyIdentifier=hash' 'authorityKeyIdentifier=keyid' > sub.cnf
quiet openssl x509 -req -in sub.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out sub.pem -days 1000 -extfile sub.cnf
for name in "$fqdn" sip.fabrikam.test; do
  quiet openssl req -newkey rsa:2048 -nodes -keyout "$name.key" -out "$name.csr" -subj "/CN=$name"
  sed "s/$fqdn/$name/" ext.cnf > "$name.cnf"
  quiet openssl x509 -req -in "$name.csr" -CA sub.pem -CAkey sub.key -CAcreateserial -out "$name.pem" -days 300 \
    -extfile "$name.cnf"
  cat "$name.pem" sub.pem > "$name-chain.pem"
done
"$bin" inspect "$fqdn-chain.pem" --key "$fqdn.key" --ca ca.pem --fqdn "$fqdn" >/dev/null
check "sub-CA with critical name and policy constraints: loads, and a name inside passes" test $? -eq 0
out=$("$bin" inspect sip.fabrikam.test-chain.pem --key sip.fabrikam.test.key --ca ca.pem --fqdn sip.fabrikam.test --format json)
check "sub-CA with name constraints: a name outside fails" test $? -eq 1
check "sub-CA with name constraints: NAME_CONSTRAINTS_VIOLATED" grep -q '"code": "NAME_CONSTRAINTS_VIOLATED"' <<<"$out"
port=$(( 20000 + RANDOM % 20000 ))
openssl s_server -accept "127.0.0.1:$port" -cert "$fqdn.pem" -key "$fqdn.key" -cert_chain sub.pem -Verify 3 \
  -CAfile ca.pem -quiet >/dev/null 2>&1 &
spid=$!
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.05; done
"$bin" connect "127.0.0.1:$port" --cert "$fqdn-chain.pem" --key "$fqdn.key" --ca ca.pem --fqdn "$fqdn" --tls 1.2 \
  --no-options --timeout 5 >/dev/null
check "connect: a peer sending that sub-CA completes the handshake and passes" test $? -eq 0
kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null

echo "$fails failed"
[ "$fails" -eq 0 ]
