"""The store's key: one 32-byte secret kept outside the database, from which HKDF-SHA256 derives
an AES-256-GCM key that seals the secrets at rest (contact routes, diary scores), an HMAC-SHA256
key that authenticates the trail, and a public key id that names the key without revealing it.

AES-GCM rather than Fernet: it authenticates associated data, so each sealed value is bound to
the row it belongs to (a route copied to another employee or party does not open), and its
tokens are shorter. The nonce is 96 random bits per value; a store seals far fewer than the
2^32 values per key where random nonces would begin to risk a repeat.

The key's text (in $REINTEGRATION_KEY or the key file) is the 32 bytes in base64, standard or
URL-safe, e.g. from `openssl rand -base64 32`. Nothing here ever prints or logs it."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Mapping

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from domain.errors import BadInputError

KEY_BYTES = 32
NONCE_BYTES = 12
SEALED_PREFIX = "v1:"  # a sealed value is v1:base64url(nonce + ciphertext + tag)


class UnsealError(ValueError):
    """A sealed value does not open with this key and context: altered, moved or foreign."""


def new_key_text() -> str:
    """A fresh random key, as its text."""
    return base64.urlsafe_b64encode(secrets.token_bytes(KEY_BYTES)).decode()


def parse_key(text: str, where: str) -> StoreKey:
    """The key in `text`; `where` names its source in the error (never the text itself)."""
    cleaned = text.strip().replace("-", "+").replace("_", "/")
    try:
        material = base64.b64decode(cleaned, validate=True)
    except (binascii.Error, ValueError):
        material = b""
    if len(material) != KEY_BYTES:
        raise BadInputError(
            f"{where} does not hold a key: expected {KEY_BYTES} random bytes in base64 "
            "(e.g. from `openssl rand -base64 32`)"
        )
    return StoreKey(material)


def _derive(material: bytes, purpose: str, length: int) -> bytes:
    info = f"reintegration {purpose}".encode()
    return HKDF(algorithm=SHA256(), length=length, salt=None, info=info).derive(material)


class StoreKey:
    """Seals and opens values, and authenticates records. Holds only derived keys."""

    __slots__ = ("_mac_key", "_sealer", "id")

    def __init__(self, material: bytes) -> None:
        self.id = _derive(material, "key id", 8).hex()
        self._sealer = AESGCM(_derive(material, "seal", 32))
        self._mac_key = _derive(material, "trail", 32)

    def __repr__(self) -> str:
        return f"StoreKey(id={self.id})"

    def seal(self, plain: str, context: str) -> str:
        """`plain` encrypted and bound to `context` (which row it belongs to)."""
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._sealer.encrypt(nonce, plain.encode(), context.encode())
        return SEALED_PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode()

    def unseal(self, token: str, context: str) -> str:
        if not token.startswith(SEALED_PREFIX):
            raise UnsealError("not a sealed value")
        try:
            raw = base64.urlsafe_b64decode(token.removeprefix(SEALED_PREFIX))
            opened = self._sealer.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], context.encode())
        except (InvalidTag, binascii.Error, ValueError):
            raise UnsealError("does not open with the store's key here") from None
        return opened.decode()

    def mac(self, content: Mapping[str, object]) -> str:
        """HMAC-SHA256 of `content` as canonical JSON (keys sorted, no spaces, UTF-8)."""
        canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hmac.new(self._mac_key, canonical.encode(), hashlib.sha256).hexdigest()

    def checks(self, content: Mapping[str, object], stored: str) -> bool:
        return hmac.compare_digest(self.mac(content), stored)
