"""Time-ordered ids (``cus_…``, ``cfl_…``): sortable by creation, unguessable."""

from __future__ import annotations

import base64
import secrets
import time

_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
_FROM_BASE32 = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", _ALPHABET.encode())


def new_id(prefix: str) -> str:
    """``prefix_`` + 10 chars of milliseconds + 16 random chars (a ULID-like layout).

    The 130 bits are shifted to fill 20 bytes, so base64's RFC 4648 base32 (5 bits a
    character, most significant first) writes them; its alphabet is then swapped for ours.
    """
    millis = time.time_ns() // 1_000_000
    bits = ((millis % (1 << 50)) << 80 | secrets.randbits(80)) << 30
    text = base64.b32encode(bits.to_bytes(20, "big"))[:26].translate(_FROM_BASE32)
    return f"{prefix}_{text.decode()}"
