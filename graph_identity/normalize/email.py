"""Email addresses: trimmed, lower-cased, syntax-checked; optional Gmail rules.

The whole address is lower-cased, local part included. RFC 5321 allows case-sensitive local
parts, but no commerce mailbox provider uses them, and two records typed ``Jane@`` and
``jane@`` are the same person far more often than not.
"""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

from graph_identity.normalize.errors import InvalidValue

EMAIL_RULE = "email.v1"
EMAIL_GMAIL_RULE = "email.v1+gmail"
GMAIL_DOMAINS = frozenset({"gmail.com", "googlemail.com"})


def normalize_email(raw: str, *, gmail_rules: bool = False) -> str:
    """The canonical form of ``raw``, or :class:`InvalidValue`.

    With ``gmail_rules`` a Gmail address loses the dots in its local part and any ``+tag``,
    and ``googlemail.com`` becomes ``gmail.com``: Google delivers all of those to one mailbox.
    """
    text = raw.strip().lower()
    if not text:
        raise InvalidValue("email address is empty")
    if "@" not in text:
        raise InvalidValue("email address has no @")
    try:
        validated = validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        # The library's message quotes offending characters: never pass it on.
        raise InvalidValue("not a valid email address") from None
    local, domain = validated.local_part, validated.domain
    if gmail_rules and domain in GMAIL_DOMAINS:
        local = local.split("+", 1)[0].replace(".", "")
        domain = "gmail.com"
        if not local:
            raise InvalidValue("Gmail address has an empty mailbox name")
    return f"{local}@{domain}"


def email_rule(value: str, *, gmail_rules: bool) -> str:
    """The rule name recorded as provenance for the canonical email ``value``."""
    if gmail_rules and value.rpartition("@")[2] in GMAIL_DOMAINS:
        return EMAIL_GMAIL_RULE
    return EMAIL_RULE
