// Benchmark baseline only, the narrow one: records, identifiers and the links between them,
// keys only (no other properties, no labels, no customers, no orders), with plain UNWIND
// MERGE and no resolution. A lower bound on what writing an ingest's graph costs.
// Params: the rows of raw_ingest.cypher (only key, record.provider, record.external_id and
// identifiers' key, kind and node.value are used).
UNWIND $rows AS row
MERGE (r:Record {key: row.key})
  ON CREATE SET r.provider = row.record.provider, r.external_id = row.record.external_id
WITH r, row
UNWIND row.identifiers AS identifier
MERGE (i:Identifier {key: identifier.key})
  ON CREATE SET i.kind = identifier.kind, i.value = identifier.node.value
MERGE (r)-[:HAS]->(i)
