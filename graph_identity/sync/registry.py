"""Which connectors exist, which are configured, and the order a sync runs them in."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager

from graph_identity.sync import (
    amazon,
    lightspeed_ecom,
    lightspeed_retail,
    qbo,
    shipstation,
    shopify,
    woocommerce,
)
from graph_identity.sync.base import Connector, SyncConfigError
from graph_identity.sync.settings import ClientOptions

Factory = Callable[[Mapping[str, str], ClientOptions], Connector]

FACTORIES: dict[str, Factory] = {
    qbo.PROVIDER: qbo.from_env,
    shopify.PROVIDER: shopify.from_env,
    woocommerce.PROVIDER: woocommerce.from_env,
    lightspeed_retail.PROVIDER: lightspeed_retail.from_env,
    lightspeed_ecom.PROVIDER: lightspeed_ecom.from_env,
    amazon.PROVIDER: amazon.from_env,
    shipstation.PROVIDER: shipstation.from_env,
}
"""Provider slug → how to build its connector from the environment."""


def ordered(providers: Sequence[str], priority: Sequence[str]) -> list[str]:
    """``providers`` in authority order (``provider_priority``; unlisted ones last, by name).

    Raises :class:`SyncConfigError` for a provider without a connector."""
    unknown = [p for p in providers if p not in FACTORIES]
    if unknown:
        known = ", ".join(sorted(FACTORIES))
        raise SyncConfigError("providers", f"no connector for {', '.join(unknown)}; known: {known}")
    rank = {name: index for index, name in enumerate(priority)}
    unique = dict.fromkeys(providers)
    return sorted(unique, key=lambda p: (rank.get(p, len(rank)), p))


def configured(env: Mapping[str, str], options: ClientOptions) -> list[str]:
    """The providers whose settings are all present in ``env``."""
    found = []
    for provider, factory in FACTORIES.items():
        try:
            connector = factory(env, options)
        except SyncConfigError:
            continue
        connector.close()
        found.append(provider)
    return found


@contextmanager
def connectors(
    providers: Sequence[str], env: Mapping[str, str], options: ClientOptions
) -> Iterator[list[Connector]]:
    """Connectors for ``providers`` (already ordered), closed afterwards. Raises
    :class:`SyncConfigError` naming the first missing or invalid setting."""
    built: list[Connector] = []
    try:
        for provider in providers:
            built.append(FACTORIES[provider](env, options))
        yield built
    finally:
        for connector in built:
            connector.close()
