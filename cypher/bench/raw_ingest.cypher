// Benchmark baseline only: the same record, identifier and link writes as an ingest, with
// plain UNWIND MERGE and no resolution (no locks, no customers, no conflicts).
// Params: $rows [{key, provider, external_id, identifiers: [{key, kind, value}]}].
UNWIND $rows AS row
MERGE (r:Record {key: row.key})
  ON CREATE SET r.provider = row.provider, r.external_id = row.external_id
WITH r, row
UNWIND row.identifiers AS identifier
MERGE (i:Identifier {key: identifier.key})
  ON CREATE SET i.kind = identifier.kind, i.value = identifier.value
MERGE (r)-[:HAS]->(i)
