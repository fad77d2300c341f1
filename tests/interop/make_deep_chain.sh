#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Writes a PKI N CAs deep (ECDSA P-256, made by openssl) into DIR: ca0.pem (the root) ... caN-1,
# leaf.pem/leaf.key for sip-b.contoso.test under the deepest CA, and chain-K.pem files holding
# the K CAs right above the leaf (K = 30 and all N-1 intermediates plus the root, "chain-all.pem").
# Usage: make_deep_chain.sh DIR N
set -euo pipefail
dir=$1 n=$2
mkdir -p "$dir" && cd "$dir"
ext_ca=$(mktemp) ext_leaf=$(mktemp)
trap 'rm -f "$ext_ca" "$ext_leaf"' EXIT
printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n' >"$ext_ca"
printf 'subjectAltName=DNS:sip-b.contoso.test\nextendedKeyUsage=serverAuth,clientAuth\nkeyUsage=critical,digitalSignature\n' >"$ext_leaf"
key() { openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$1.key" -subj "$2" 2>/dev/null; }
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca0.key -out ca0.pem \
  -subj "/CN=Deep CA 0" -days 3650 -addext basicConstraints=critical,CA:TRUE \
  -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
for i in $(seq 1 $((n - 1))); do
  key "ca$i" "/CN=Deep CA $i" | openssl x509 -req -CA "ca$((i - 1)).pem" -CAkey "ca$((i - 1)).key" \
    -CAcreateserial -days 3650 -extfile "$ext_ca" -out "ca$i.pem" 2>/dev/null
done
key leaf "/CN=sip-b.contoso.test" | openssl x509 -req -CA "ca$((n - 1)).pem" -CAkey "ca$((n - 1)).key" \
  -CAcreateserial -days 3650 -extfile "$ext_leaf" -out leaf.pem 2>/dev/null
for i in $(seq $((n - 1)) -1 0); do cat "ca$i.pem"; done >chain-all.pem
for i in $(seq $((n - 1)) -1 $((n - 30))); do cat "ca$i.pem"; done >chain-30.pem
echo ok
