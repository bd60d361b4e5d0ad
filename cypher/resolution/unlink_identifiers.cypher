// Replaced identifiers: the live link becomes history (HAD). Params: $rows [{record,
// identifier}], $now.
UNWIND $rows AS row
MATCH (r:Record {key: row.record})-[h:HAS]->(i:Identifier {key: row.identifier})
CREATE (r)-[:HAD {provider: h.provider, rule: h.rule, first_seen: h.first_seen,
                  last_seen: h.last_seen, removed_at: $now}]->(i)
DELETE h
