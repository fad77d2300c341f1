#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A root, an issuing CA and one leaf per revocation case, made with `openssl ca`, whose CDPs and
# AIA OCSP URLs point at the loopback servers of tests/cli/revocation_servers.cpp. Also the CRLs
# (DER), the bad bodies (an HTML page, a sparse 1 GB file) and a stale OCSP response made by
# pyca/cryptography. Usage: make_revocation_pki.sh DIR HTTP_PORT OCSP_PORT OCSP_BAD_PORT BAD_PORT
set -euo pipefail
dir=$1 http=$2 ocsp=$3 ocsp_bad=$4 bad=$5
here=$(cd "$(dirname "$0")" && pwd)
cd "$dir"
q() { "$@" >>make.log 2>&1 || { echo "make_revocation_pki: failed: $*" >&2; tail -5 make.log >&2; exit 3; }; }
ec=(-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes)
mkdir -p issued www
for ca in root issuing; do : >"index-$ca.txt"; echo 1000 >"serial-$ca"; echo 1000 >"crlnumber-$ca"; done

cat >ca.cnf <<EOF
[ ca ]
default_ca = this
[ this ]
dir = .
database = \$dir/index-\$ENV::CA.txt
new_certs_dir = \$dir/issued
serial = \$dir/serial-\$ENV::CA
crlnumber = \$dir/crlnumber-\$ENV::CA
default_md = sha256
default_days = 365
policy = any
unique_subject = no
[ any ]
commonName = supplied
[ issuing ]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
crlDistributionPoints = URI:http://127.0.0.1:$http/root.crl
[ responder ]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = OCSPSigning
[ not_responder ]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
[ crl_ext ]
authorityKeyIdentifier = keyid
EOF

q openssl req -x509 "${ec[@]}" -keyout root.key -out root.pem -days 3650 -subj "/CN=Revocation Test Root" \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
q openssl req "${ec[@]}" -keyout issuing.key -out issuing.csr -subj "/CN=Revocation Test Issuing CA"
CA=root q openssl ca -batch -notext -config ca.cnf -cert root.pem -keyfile root.key -in issuing.csr \
  -out issuing.pem -extensions issuing -days 3000

# sign NAME EXTENSIONS-SECTION [openssl ca options]: a certificate of the issuing CA for NAME.
sign() {
  local name=$1 section=$2
  shift 2
  q openssl req "${ec[@]}" -keyout "$name.key" -out "$name.csr" -subj "/CN=$name.contoso.test"
  CA=issuing q openssl ca -batch -notext -config ca.cnf -cert issuing.pem -keyfile issuing.key -in "$name.csr" \
    -out "$name.pem" -extensions "$section" "$@"
  cat "$name.pem" issuing.pem >"$name-chain.pem"
}
# leaf NAME LINE...: a server certificate with both EKUs and these CDP/AIA lines.
leaf() {
  local name=$1
  shift
  { echo "[ leaf_$name ]"; echo "basicConstraints = CA:FALSE"; echo "keyUsage = critical,digitalSignature"
    echo "extendedKeyUsage = serverAuth,clientAuth"; echo "subjectAltName = DNS:$name.contoso.test"
    printf '%s\n' "$@"; } >>ca.cnf
  sign "$name" "leaf_$name"
}

sign responder responder
sign notresponder not_responder
both_ocsp="authorityInfoAccess = OCSP;URI:http://127.0.0.1:$ocsp/"
crl="crlDistributionPoints = URI:http://127.0.0.1:$http/issuing.crl"
leaf good "$both_ocsp" "$crl"
leaf revoked "$both_ocsp" "$crl"
leaf crlgood "$crl"
leaf crlrevoked "$crl"
# AD CS's default first CDP: commas inside, so the name comes from a section of its own.
printf '%s\n' "[ ldap_dp ]" "fullname = @ldap_names" "[ ldap_names ]" \
  "URI.0 = ldap:///CN=Revocation%20Test%20Issuing%20CA,CN=pki,CN=CDP,CN=Public%20Key%20Services,CN=Services,CN=Configuration,DC=contoso,DC=test?certificateRevocationList?base?objectClass=cRLDistributionPoint" >>ca.cnf
leaf ldap "crlDistributionPoints = ldap_dp"
leaf none "nsComment = no CDP and no AIA"
leaf html "crlDistributionPoints = URI:http://127.0.0.1:$http/page.html"
leaf big "crlDistributionPoints = URI:http://127.0.0.1:$http/big.crl"
leaf trickle "crlDistributionPoints = URI:http://127.0.0.1:$bad/trickle"
leaf loop "crlDistributionPoints = URI:http://127.0.0.1:$bad/loop"
leaf garbage "authorityInfoAccess = OCSP;URI:http://127.0.0.1:$bad/garbage"
leaf stale "crlDistributionPoints = URI:http://127.0.0.1:$http/stale.crl"
leaf unauthorized "authorityInfoAccess = OCSP;URI:http://127.0.0.1:$ocsp_bad/"
leaf staleocsp "authorityInfoAccess = OCSP;URI:http://127.0.0.1:$bad/stale-ocsp"
leaf fallback "authorityInfoAccess = OCSP;URI:http://127.0.0.1:$bad/status500" "$crl"
# Not recorded in the issuing CA's database: its responder knows nothing of it.
{ echo "[ leaf_unknown ]"; echo "basicConstraints = CA:FALSE"; echo "keyUsage = critical,digitalSignature"
  echo "extendedKeyUsage = serverAuth,clientAuth"; echo "subjectAltName = DNS:unknown.contoso.test"
  echo "$both_ocsp"; } >>ca.cnf
q openssl req "${ec[@]}" -keyout unknown.key -out unknown.csr -subj "/CN=unknown.contoso.test"
CA=issuing q openssl x509 -req -in unknown.csr -CA issuing.pem -CAkey issuing.key -set_serial 0x7777 -days 365 \
  -extfile ca.cnf -extensions leaf_unknown -out unknown.pem
cat unknown.pem issuing.pem >unknown-chain.pem

for name in revoked crlrevoked; do
  CA=issuing q openssl ca -config ca.cnf -cert issuing.pem -keyfile issuing.key -revoke "$name.pem" -crl_reason keyCompromise
done
CA=issuing q openssl ca -gencrl -config ca.cnf -cert issuing.pem -keyfile issuing.key -crldays 30 -crlexts crl_ext -out issuing.crl.pem
CA=issuing q openssl ca -gencrl -config ca.cnf -cert issuing.pem -keyfile issuing.key -crl_lastupdate 20200101000000Z \
  -crl_nextupdate 20200108000000Z -crlexts crl_ext -out stale.crl.pem
CA=root q openssl ca -gencrl -config ca.cnf -cert root.pem -keyfile root.key -crldays 30 -crlexts crl_ext -out root.crl.pem
for c in issuing stale root; do q openssl crl -in "$c.crl.pem" -outform DER -out "www/$c.crl"; done
printf '<html><body><h1>It works!</h1></body></html>\n' >www/page.html
truncate -s 1G www/big.crl
q python3 "$here/stale_ocsp.py" issuing.pem issuing.key staleocsp.pem stale-ocsp.der
