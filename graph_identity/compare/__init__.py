"""Which customers and orders one provider has and another lacks."""

from graph_identity.compare.export import to_csv
from graph_identity.compare.models import (
    CustomerComparison,
    CustomerOnlyInSource,
    OrderComparison,
    OrderOnlyInSource,
)
from graph_identity.compare.queries import Comparer, check_providers

CUSTOMER_COLUMNS: tuple[str, ...] = tuple(CustomerOnlyInSource.model_fields)
ORDER_COLUMNS: tuple[str, ...] = tuple(OrderOnlyInSource.model_fields)

__all__ = [
    "CUSTOMER_COLUMNS",
    "ORDER_COLUMNS",
    "Comparer",
    "CustomerComparison",
    "OrderComparison",
    "check_providers",
    "to_csv",
]
