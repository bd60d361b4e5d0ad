// Benchmark baseline only, the narrow one: records, identifiers and the links between them,
// keys only (no other properties, no labels, no customers, no orders), with plain UNWIND
// MERGE and no resolution. A lower bound on what writing an ingest's graph costs.
// Params: $rows [{key, provider, external_id, identifiers: [{key, kind, value}]}].
UNWIND $rows AS row
MERGE (r:Record {key: row.key})
  ON CREATE SET r.provider = row.provider, r.external_id = row.external_id
WITH r, row
UNWIND row.identifiers AS identifier
MERGE (i:Identifier {key: identifier.key})
  ON CREATE SET i.kind = identifier.kind, i.value = identifier.value
MERGE (r)-[:HAS]->(i)
