#!/usr/bin/env python3
"""Make the Token Lens demo tokens in this folder from the demo keys in ../keys.

DEMO ONLY: the keys are public, so these tokens are never real credentials.

Needs Python 3 and the `cryptography` package. The JWS / JWE construction is
written out by hand here (no PyJWT / jose), so the tokens are an independent
implementation from the app's Rust code.

Run it again at any time: `python3 make_tokens.py`. It rewrites every token,
manifest.json, then verifies everything and exits non-zero if a check fails.
The HS*, RS*, EdDSA, expired, none and tampered tokens come out byte-identical
each run; PS* and ES* signatures and the JWE use fresh randomness each run.
"""

import base64
import datetime
import hashlib
import hmac
import json
import os
import sys
from pathlib import Path

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

HERE = Path(__file__).resolve().parent
KEYS = HERE.parent / "keys"

# iat = 2026-01-01T00:00:00Z, exp = 2100-01-01T00:00:00Z
IAT = 1767225600
EXP = 4102444800
# expired.jwt: iat = 2025-01-01T00:00:00Z, exp = 2025-01-01T01:00:00Z
EXPIRED_IAT = 1735689600
EXPIRED_EXP = 1735693200


# ---------------------------------------------------------------- helpers

def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64u_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def json_bytes(obj) -> bytes:
    # Compact, non-ASCII kept as UTF-8, keys in insertion order.
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def payload(jti: str, iat: int = IAT, exp: int = EXP, name: str = "Ada 示例") -> dict:
    return {
        "iss": "https://auth.demo.tokenlens.invalid",
        "sub": "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf",
        "aud": "tokenlens-demo",
        "name": name,
        "iat": iat,
        "exp": exp,
        "jti": jti,
    }


def load_private(name):
    return serialization.load_pem_private_key((KEYS / name).read_bytes(), password=None)


def load_public(name):
    return serialization.load_pem_public_key((KEYS / name).read_bytes())


def load_hmac_secret() -> bytes:
    text = (KEYS / "hmac_secret.txt").read_text(encoding="utf-8")
    line = text.split("\n", 1)[0].rstrip("\r")  # the line, without its newline
    return line.encode("utf-8")


HASHES = {"256": hashes.SHA256, "384": hashes.SHA384, "512": hashes.SHA512}
HASHLIB = {"256": hashlib.sha256, "384": hashlib.sha384, "512": hashlib.sha512}
# ECDSA: alg -> (curve class, hash, bytes per coordinate)
EC_ALGS = {
    "ES256": (ec.SECP256R1, hashes.SHA256, 32),
    "ES384": (ec.SECP384R1, hashes.SHA384, 48),
    "ES512": (ec.SECP521R1, hashes.SHA512, 66),
    "ES256K": (ec.SECP256K1, hashes.SHA256, 32),
}


def pss(hash_cls):
    h = hash_cls()
    return padding.PSS(mgf=padding.MGF1(h), salt_length=h.digest_size)


# ---------------------------------------------------------------- sign / verify

def sign(alg: str, key, signing_input: bytes) -> bytes:
    if alg.startswith("HS"):
        return hmac.new(key, signing_input, HASHLIB[alg[2:]]).digest()
    if alg.startswith("RS"):
        return key.sign(signing_input, padding.PKCS1v15(), HASHES[alg[2:]]())
    if alg.startswith("PS"):
        h = HASHES[alg[2:]]
        return key.sign(signing_input, pss(h), h())
    if alg in EC_ALGS:
        curve, h, size = EC_ALGS[alg]
        assert isinstance(key.curve, curve), (alg, key.curve.name)
        r, s = decode_dss_signature(key.sign(signing_input, ec.ECDSA(h())))
        return r.to_bytes(size, "big") + s.to_bytes(size, "big")  # raw r||s, not DER
    if alg == "EdDSA":
        return key.sign(signing_input)
    raise ValueError(alg)


def verify(alg: str, key, signing_input: bytes, sig: bytes) -> bool:
    try:
        if alg.startswith("HS"):
            expected = hmac.new(key, signing_input, HASHLIB[alg[2:]]).digest()
            return hmac.compare_digest(expected, sig)
        if alg.startswith("RS"):
            key.verify(sig, signing_input, padding.PKCS1v15(), HASHES[alg[2:]]())
            return True
        if alg.startswith("PS"):
            h = HASHES[alg[2:]]
            key.verify(sig, signing_input, pss(h), h())
            return True
        if alg in EC_ALGS:
            curve, h, size = EC_ALGS[alg]
            if not isinstance(key.curve, curve) or len(sig) != 2 * size:
                return False
            r = int.from_bytes(sig[:size], "big")
            s = int.from_bytes(sig[size:], "big")
            key.verify(encode_dss_signature(r, s), signing_input, ec.ECDSA(h()))
            return True
        if alg == "EdDSA":
            key.verify(sig, signing_input)
            return True
    except InvalidSignature:
        return False
    raise ValueError(alg)


def make_jws(header: dict, claims: dict, key) -> str:
    signing_input = b64u(json_bytes(header)) + "." + b64u(json_bytes(claims))
    if header["alg"] == "none":
        return signing_input + "."
    sig = sign(header["alg"], key, signing_input.encode("ascii"))
    return signing_input + "." + b64u(sig)


def make_jwe(header: dict, plaintext: bytes, rsa_public) -> str:
    protected = b64u(json_bytes(header))
    cek = os.urandom(32)  # A256GCM content encryption key
    oaep = padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None)
    encrypted_key = rsa_public.encrypt(cek, oaep)
    iv = os.urandom(12)
    sealed = AESGCM(cek).encrypt(iv, plaintext, protected.encode("ascii"))
    ciphertext, tag = sealed[:-16], sealed[-16:]
    return ".".join([protected, b64u(encrypted_key), b64u(iv), b64u(ciphertext), b64u(tag)])


def decrypt_jwe(token: str, rsa_private) -> bytes:
    protected, ek, iv, ct, tag = token.split(".")
    header = json.loads(b64u_decode(protected))
    assert header["alg"] == "RSA-OAEP-256" and header["enc"] == "A256GCM", header
    oaep = padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None)
    cek = rsa_private.decrypt(b64u_decode(ek), oaep)
    assert len(cek) == 32
    iv_b, tag_b = b64u_decode(iv), b64u_decode(tag)
    assert len(iv_b) == 12 and len(tag_b) == 16
    return AESGCM(cek).decrypt(iv_b, b64u_decode(ct) + tag_b, protected.encode("ascii"))


# ---------------------------------------------------------------- JWKS cross-check

def jwk_public_key(jwk: dict):
    """Build a public key (or HMAC secret bytes) from a public JWK."""
    def num(name):
        return int.from_bytes(b64u_decode(jwk[name]), "big")

    if jwk["kty"] == "RSA":
        return rsa.RSAPublicNumbers(num("e"), num("n")).public_key()
    if jwk["kty"] == "EC":
        curve = {"P-256": ec.SECP256R1, "P-384": ec.SECP384R1,
                 "P-521": ec.SECP521R1, "secp256k1": ec.SECP256K1}[jwk["crv"]]()
        return ec.EllipticCurvePublicNumbers(num("x"), num("y"), curve).public_key()
    if jwk["kty"] == "OKP" and jwk["crv"] == "Ed25519":
        return ed25519.Ed25519PublicKey.from_public_bytes(b64u_decode(jwk["x"]))
    if jwk["kty"] == "oct":
        return b64u_decode(jwk["k"])
    raise ValueError(jwk)


# ---------------------------------------------------------------- token table

HMAC = ("demo-hmac", "hmac_secret.txt", None)
RSA = ("demo-rsa", "rsa_public_spki.pem", "rsa_private_pkcs8.pem")
P256 = ("demo-p256", "ec_p256_public_spki.pem", "ec_p256_private_pkcs8.pem")
P384 = ("demo-p384", "ec_p384_public_spki.pem", "ec_p384_private_pkcs8.pem")
P521 = ("demo-p521", "ec_p521_public_spki.pem", "ec_p521_private_pkcs8.pem")
K256 = ("demo-k256", "ec_secp256k1_public_spki.pem", "ec_secp256k1_private_pkcs8.pem")
ED = ("demo-ed25519", "ed25519_public_spki.pem", "ed25519_private_pkcs8.pem")

# (file, alg, key set, note) for the plain signed tokens
SIGNED = [
    ("hs256.jwt", "HS256", HMAC, "HMAC-SHA256 with the demo HMAC secret"),
    ("hs384.jwt", "HS384", HMAC, "HMAC-SHA384 with the demo HMAC secret"),
    ("hs512.jwt", "HS512", HMAC, "HMAC-SHA512 with the demo HMAC secret"),
    ("rs256.jwt", "RS256", RSA, "RSASSA-PKCS1-v1_5 with SHA-256, RSA 2048"),
    ("rs384.jwt", "RS384", RSA, "RSASSA-PKCS1-v1_5 with SHA-384, RSA 2048"),
    ("rs512.jwt", "RS512", RSA, "RSASSA-PKCS1-v1_5 with SHA-512, RSA 2048"),
    ("ps256.jwt", "PS256", RSA, "RSASSA-PSS, SHA-256, MGF1-SHA-256, salt 32 bytes; randomized signature"),
    ("ps384.jwt", "PS384", RSA, "RSASSA-PSS, SHA-384, MGF1-SHA-384, salt 48 bytes; randomized signature"),
    ("ps512.jwt", "PS512", RSA, "RSASSA-PSS, SHA-512, MGF1-SHA-512, salt 64 bytes; randomized signature"),
    ("es256.jwt", "ES256", P256, "ECDSA P-256 + SHA-256, raw r||s signature (64 bytes); randomized signature"),
    ("es384.jwt", "ES384", P384, "ECDSA P-384 + SHA-384, raw r||s signature (96 bytes); randomized signature"),
    ("es512.jwt", "ES512", P521, "ECDSA P-521 + SHA-512, raw r||s signature (132 bytes); randomized signature"),
    ("es256k.jwt", "ES256K", K256, "ECDSA secp256k1 + SHA-256, raw r||s signature (64 bytes); randomized signature"),
    ("eddsa.jwt", "EdDSA", ED, "Ed25519 (RFC 8037), 64-byte signature"),
]


def private_key_for(keyset):
    kid, public_file, private_file = keyset
    return load_hmac_secret() if private_file is None else load_private(private_file)


def public_key_for(keyset):
    kid, public_file, private_file = keyset
    return load_hmac_secret() if private_file is None else load_public(public_file)


def write_token(name: str, token: str):
    (HERE / name).write_bytes(token.encode("ascii"))  # one line, no trailing newline


def build():
    manifest = []

    for file, alg, keyset, note in SIGNED:
        kid = keyset[0]
        token = make_jws({"alg": alg, "typ": "JWT", "kid": kid},
                         payload("demo-" + file[:-4]), private_key_for(keyset))
        write_token(file, token)
        manifest.append({"file": file, "alg": alg, "kid": kid, "key_file": keyset[1],
                         "expect": "valid", "note": note})

    expired = make_jws({"alg": "HS256", "typ": "JWT", "kid": "demo-hmac"},
                       payload("demo-expired", EXPIRED_IAT, EXPIRED_EXP), load_hmac_secret())
    write_token("expired.jwt", expired)
    manifest.append({"file": "expired.jwt", "alg": "HS256", "kid": "demo-hmac",
                     "key_file": "hmac_secret.txt", "expect": "valid",
                     "note": "Signature is valid, but the token is expired: "
                             "iat 2025-01-01T00:00:00Z, exp 2025-01-01T01:00:00Z"})

    none = make_jws({"alg": "none", "typ": "JWT"}, payload("demo-none"), None)
    write_token("none.jwt", none)
    manifest.append({"file": "none.jwt", "alg": "none", "kid": None, "key_file": None,
                     "expect": "unsigned",
                     "note": "Unsecured JWS (alg none), empty signature; must never be accepted as verified"})

    jwe = make_jwe({"alg": "RSA-OAEP-256", "enc": "A256GCM", "kid": "demo-rsa", "typ": "JWT"},
                   json_bytes(payload("demo-jwe")), load_public("rsa_public_spki.pem"))
    write_token("jwe.jwt", jwe)
    manifest.append({"file": "jwe.jwt", "alg": "RSA-OAEP-256", "kid": "demo-rsa",
                     "key_file": "rsa_private_pkcs8.pem", "expect": "encrypted",
                     "note": "JWE compact (5 parts), enc A256GCM, CEK wrapped with RSA-OAEP-256 "
                             "to rsa_public_spki.pem; decrypt with rsa_private_pkcs8.pem. "
                             "Randomized (new CEK and IV each run)"})

    # tampered.jwt: hs256.jwt with a different payload, original signature kept
    h, _, s = (HERE / "hs256.jwt").read_text(encoding="ascii").split(".")
    tampered = h + "." + b64u(json_bytes(payload("demo-hs256", name="Eve"))) + "." + s
    write_token("tampered.jwt", tampered)
    manifest.append({"file": "tampered.jwt", "alg": "HS256", "kid": "demo-hmac",
                     "key_file": "hmac_secret.txt", "expect": "invalid",
                     "note": "hs256.jwt with the payload changed (name \"Eve\") "
                             "but the original signature kept; verification must fail"})

    (HERE / "manifest.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest


# ---------------------------------------------------------------- checks

def check(manifest) -> bool:
    jwks = {k["kid"]: jwk_public_key(k)
            for k in json.loads((KEYS / "jwks_public.json").read_text())["keys"]}
    ok = True

    for entry in manifest:
        file, alg, expect = entry["file"], entry["alg"], entry["expect"]
        token = (HERE / file).read_bytes()
        problems = []
        if token.endswith(b"\n") or b"\n" in token:
            problems.append("token contains a newline")
        token = token.decode("ascii")
        parts = token.split(".")

        if expect == "encrypted":
            if len(parts) != 5:
                problems.append("JWE must have 5 parts")
            plain = decrypt_jwe(token, load_private("rsa_private_pkcs8.pem"))
            claims = json.loads(plain.decode("utf-8"))
            if plain != json_bytes(payload("demo-jwe")):
                problems.append("JWE plaintext differs")
            result = "decrypted OK, jti=%s name=%s" % (claims["jti"], claims["name"])
        else:
            header = json.loads(b64u_decode(parts[0]))
            claims = json.loads(b64u_decode(parts[1]))
            if len(parts) != 3 or header.get("alg") != alg or header.get("kid") != entry["kid"]:
                problems.append("bad header/parts")
            if expect == "unsigned":
                good = parts[2] == ""
                result = "unsigned (empty signature)"
                if not good:
                    problems.append("signature not empty")
            else:
                signing_input = (parts[0] + "." + parts[1]).encode("ascii")
                sig = b64u_decode(parts[2])
                if alg.startswith("HS"):
                    key = load_hmac_secret()
                else:
                    key = load_public(entry["key_file"])
                valid = verify(alg, key, signing_input, sig)
                valid_jwks = verify(alg, jwks[entry["kid"]], signing_input, sig)
                if valid != valid_jwks:
                    problems.append("PEM and JWKS disagree")
                if valid != (expect == "valid"):
                    problems.append("expected %s" % expect)
                if alg in EC_ALGS and len(sig) != 2 * EC_ALGS[alg][2]:
                    problems.append("EC signature size %d" % len(sig))
                result = "signature %s (%d-byte sig)" % ("VALID" if valid else "INVALID", len(sig))
            if file == "expired.jwt":
                when = datetime.datetime.fromtimestamp(claims["exp"], datetime.timezone.utc)
                if claims["exp"] >= IAT:
                    problems.append("expired.jwt exp is not in the past")
                result += ", exp %s (expired)" % when.strftime("%Y-%m-%dT%H:%M:%SZ")

        status = "ok  " if not problems else "FAIL"
        ok = ok and not problems
        print("%s %-13s %-12s %s%s" % (status, file, alg, result,
                                       "" if not problems else "  <- " + "; ".join(problems)))

    # Negative checks: a key that doesn't match must fail.
    hs = (HERE / "hs256.jwt").read_text().split(".")
    wrong = verify("HS256", b"not-the-secret", (hs[0] + "." + hs[1]).encode(), b64u_decode(hs[2]))
    es = (HERE / "es256.jwt").read_text().split(".")
    wrong_ec = verify("ES256", load_public("ec_p256_public_spki.pem"),
                      (es[0] + "." + es[1] + "x").encode(), b64u_decode(es[2]))
    rs = (HERE / "rs256.jwt").read_text().split(".")
    wrong_rs = verify("RS384", load_public("rsa_public_spki.pem"),
                      (rs[0] + "." + rs[1]).encode(), b64u_decode(rs[2]))
    for label, value in [("HS256 with a wrong secret", wrong),
                         ("ES256 with a changed signing input", wrong_ec),
                         ("RS256 signature checked as RS384", wrong_rs)]:
        print("%s negative check: %s -> %s" % ("ok  " if not value else "FAIL", label,
                                               "rejected" if not value else "ACCEPTED"))
        ok = ok and not value

    # The HMAC secret used here must be the JWKS demo-hmac "k".
    same = jwks["demo-hmac"] == load_hmac_secret()
    print("%s HMAC secret from hmac_secret.txt equals JWKS demo-hmac k" % ("ok  " if same else "FAIL"))
    return ok and same


def main():
    manifest = build()
    sys.exit(0 if check(manifest) else 1)


if __name__ == "__main__":
    main()
