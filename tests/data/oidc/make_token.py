#!/usr/bin/env python3
"""Made the test-only OIDC files in this folder (see ../SOURCES.md). Not run by the tests.

It makes a fresh RSA-2048 key and a fresh EC P-256 key every time. Running it again
replaces every file here with a different key and a different token, so the sha256
values in ../SOURCES.md would no longer match. Needs Python 3 and `cryptography`.
"""
import base64
import hashlib
import json
import pathlib

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

HERE = pathlib.Path(__file__).resolve().parent


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def uint(n: int, length: int | None = None) -> str:
    length = length or (n.bit_length() + 7) // 8
    return b64u(n.to_bytes(length, "big"))


def thumbprint(required: dict) -> str:
    """RFC 7638 JWK thumbprint (SHA-256) of the required members."""
    canon = json.dumps(required, separators=(",", ":"), sort_keys=True)
    return b64u(hashlib.sha256(canon.encode("utf-8")).digest())


def compact(obj: dict) -> str:
    return b64u(json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))


rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
pub = rsa_key.public_key().public_numbers()
rsa_req = {"e": uint(pub.e), "kty": "RSA", "n": uint(pub.n)}
rsa_kid = thumbprint(rsa_req)

ec_key = ec.generate_private_key(ec.SECP256R1())  # published only; its private half is discarded
ecp = ec_key.public_key().public_numbers()
ec_req = {"crv": "P-256", "kty": "EC", "x": uint(ecp.x, 32), "y": uint(ecp.y, 32)}
ec_kid = thumbprint(ec_req)

# The EC key comes first, so a verifier must choose the key by `kid`, not take keys[0].
jwks = {
    "keys": [
        {"kty": "EC", "use": "sig", "alg": "ES256", "kid": ec_kid, "crv": "P-256",
         "x": ec_req["x"], "y": ec_req["y"]},
        {"kty": "RSA", "use": "sig", "alg": "RS256", "kid": rsa_kid,
         "n": rsa_req["n"], "e": rsa_req["e"]},
    ]
}

# An access token issued together with the ID token; at_hash is computed from it
# (OIDC Core 3.1.3.6: left half of SHA-256 of its ASCII, base64url).
ACCESS_TOKEN = "test-only.tokenlens-access-token.4f9c2b7e81d04a6c9d35e0b1a7c2f846"
at_hash = b64u(hashlib.sha256(ACCESS_TOKEN.encode("ascii")).digest()[:16])

CLIENT_ID = "683947162035-3kq9v2m7d1h5r8t0c6n4b2x9z1l7p5f3.apps.example.com"
SUB = "110248495921238986420"
header = {"alg": "RS256", "kid": rsa_kid, "typ": "JWT"}
claims = {
    "iss": "https://accounts.example.com",
    "azp": CLIENT_ID,
    "aud": CLIENT_ID,
    "sub": SUB,
    "email": "ada.lovelace@example.com",
    "email_verified": True,
    "at_hash": at_hash,
    "nonce": "n-0S6_WzA2Mj",
    "name": "Ada Lovelace",
    "picture": f"https://accounts.example.com/avatars/{SUB}/photo.jpg",
    "given_name": "Ada",
    "family_name": "Lovelace",
    "locale": "en-GB",
    "auth_time": 1796461800,  # 2026-12-05T09:10:00Z
    "iat": 1796461845,        # 2026-12-05T09:10:45Z
    "exp": 4070908800,        # 2099-01-01T00:00:00Z
}
signing_input = f"{compact(header)}.{compact(claims)}".encode("ascii")
sig = rsa_key.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
token = signing_input.decode("ascii") + "." + b64u(sig)

(HERE / "id_token.jwt").write_text(token, encoding="ascii")  # one line, no trailing newline
(HERE / "jwks.json").write_text(json.dumps(jwks, indent=2) + "\n", encoding="ascii")
(HERE / "private_key.pem").write_bytes(rsa_key.private_bytes(
    serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
(HERE / "public_key.pem").write_bytes(rsa_key.public_key().public_bytes(
    serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
print("kid", rsa_kid, "ec kid", ec_kid, "at_hash", at_hash)
