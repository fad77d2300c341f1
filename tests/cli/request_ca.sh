#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A CA made with `openssl ca` that signs requests as Windows CAs configured in different ways do.
# Usage: request_ca.sh DIR init               a root CA in DIR (root.pem)
#        request_ca.sh DIR sign CSR OUT MODE  sign CSR into OUT (PEM), MODE:
#          copy        copy_extensions = copy: the request's SAN and EKU reach the certificate
#                      (an Enterprise CA template with "Supply in the request")
#          no-san      copy_extensions = none, CA-set EKU both: the request's SAN is dropped
#                      (a template building the subject from Active Directory)
#          server-only copy_extensions = copy, but the CA sets extendedKeyUsage = serverAuth
#                      (the Web Server template: Server Authentication only)
set -euo pipefail
dir=$1 cmd=$2
cd "$dir"
q() { "$@" >>ca.log 2>&1 || { echo "request_ca: failed: $*" >&2; tail -5 ca.log >&2; exit 3; }; }
if [ "$cmd" = init ]; then
  mkdir -p issued
  : >index.txt
  echo 2000 >serial
  cat >ca.cnf <<'CNF'
[ ca ]
default_ca = this
[ this ]
dir = .
database = $dir/index.txt
new_certs_dir = $dir/issued
serial = $dir/serial
default_md = sha256
default_days = 365
policy = any
unique_subject = no
copy_extensions = $ENV::COPY
[ any ]
commonName = supplied
[ copy ]
basicConstraints = CA:FALSE
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
crlDistributionPoints = URI:http://pki.contoso.test/root.crl
[ no-san ]
basicConstraints = CA:FALSE
keyUsage = digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth, clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
crlDistributionPoints = URI:http://pki.contoso.test/root.crl
[ server-only ]
basicConstraints = CA:FALSE
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
crlDistributionPoints = URI:http://pki.contoso.test/root.crl
CNF
  q openssl req -x509 -newkey rsa:2048 -nodes -keyout root.key -out root.pem -days 3650 -subj "/CN=Request Test Root" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
  exit 0
fi
csr=$3 out=$4 mode=$5
copy=copy
[ "$mode" = no-san ] && copy=none
COPY=$copy q openssl ca -batch -notext -config ca.cnf -cert root.pem -keyfile root.key -in "$csr" -out "$out" \
  -extensions "$mode"
