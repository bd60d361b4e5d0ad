"""The dashboard: totals per provider, open conflicts, generic identifiers, last imports
and syncs."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from graph_identity.read.operations import OperationsReader

from ...availability import require_neo4j
from ...dependencies import Service
from ..auth import Viewer
from ..render import page

router = APIRouter(dependencies=[Depends(require_neo4j)])
GENERIC_SHOWN = 20


@router.get("/")
def dashboard(request: Request, viewer: Viewer, service: Service) -> Response:
    operations = OperationsReader(service.driver, service.settings.neo4j_database)
    generic = service.generic_identifiers()
    return page(
        request,
        "dashboard.html",
        {
            "title": "Dashboard",
            "stats": service.stats(),
            "open_conflicts": service.open_conflict_count(),
            "generic": generic[:GENERIC_SHOWN],
            "generic_total": len(generic),
            "imports": operations.last_imports(),
            "syncs": operations.last_syncs(),
            "policy": service.settings.policy.value,
        },
        session=viewer.session,
        csrf=viewer.csrf,
    )
