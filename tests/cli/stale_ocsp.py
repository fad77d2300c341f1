#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# An OCSP response from another producer (pyca/cryptography): "good" for the leaf, signed by its
# CA, but with thisUpdate and nextUpdate in January 2020, long past.
# Usage: stale_ocsp.py CA.pem CA.key LEAF.pem OUT.der
import datetime
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509 import ocsp

ca = x509.load_pem_x509_certificate(open(sys.argv[1], "rb").read())
key = serialization.load_pem_private_key(open(sys.argv[2], "rb").read(), password=None)
leaf = x509.load_pem_x509_certificate(open(sys.argv[3], "rb").read())
this_update = datetime.datetime(2020, 1, 1)
builder = (
    ocsp.OCSPResponseBuilder()
    .add_response(cert=leaf, issuer=ca, algorithm=hashes.SHA1(), cert_status=ocsp.OCSPCertStatus.GOOD,
                  this_update=this_update, next_update=this_update + datetime.timedelta(days=7),
                  revocation_time=None, revocation_reason=None)
    .responder_id(ocsp.OCSPResponderEncoding.HASH, ca)
)
response = builder.sign(key, hashes.SHA256())
open(sys.argv[4], "wb").write(response.public_bytes(serialization.Encoding.DER))
