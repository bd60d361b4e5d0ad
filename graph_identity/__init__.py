"""graph-identity: one customer per real person across commerce systems, kept in Neo4j.

What a library user needs is importable from here::

    from graph_identity import IdentityService, RecordIn, Settings, connect

    settings = Settings()
    service = IdentityService(connect(settings), settings)

The web layer (``graph_identity_api``) is not imported by this package.
"""

from importlib.metadata import version

from graph_identity.config import DateOrder, Policy, Settings
from graph_identity.decisions import DecisionIn
from graph_identity.errors import (
    ConcurrentChange,
    GraphIdentityError,
    InvalidDecision,
    NotFound,
    RecordErased,
    RecordRejected,
)
from graph_identity.explain import CustomerExplanation, PairExplanation
from graph_identity.identifiers import NormalizedRecord
from graph_identity.models import OrderIn, PostalAddress, RecordIn
from graph_identity.results import (
    Action,
    BatchResult,
    ConflictView,
    Customer,
    DecisionResult,
    ErasedRecord,
    ErasureResult,
    GenericIdentifier,
    IngestResult,
    ResolveResult,
    ResolveStatus,
    Stats,
)
from graph_identity.service import IdentityService
from graph_identity.store.driver import connect

__version__ = version("graph-identity")

__all__ = [
    "Action",
    "BatchResult",
    "ConcurrentChange",
    "ConflictView",
    "Customer",
    "CustomerExplanation",
    "DateOrder",
    "DecisionIn",
    "DecisionResult",
    "ErasedRecord",
    "ErasureResult",
    "GenericIdentifier",
    "GraphIdentityError",
    "IdentityService",
    "IngestResult",
    "InvalidDecision",
    "NormalizedRecord",
    "NotFound",
    "OrderIn",
    "PairExplanation",
    "Policy",
    "PostalAddress",
    "RecordErased",
    "RecordIn",
    "RecordRejected",
    "ResolveResult",
    "ResolveStatus",
    "Settings",
    "Stats",
    "__version__",
    "connect",
]
