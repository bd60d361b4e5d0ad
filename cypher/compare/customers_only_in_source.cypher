// Customers with a record in $source and none in $destination, with every record's
// names and live email/phone identifiers (the golden record is chosen from them).
// Params: $source, $destination (provider slugs).
MATCH (:Record {provider: $source})-[:BELONGS_TO]->(c:Customer)
WITH DISTINCT c
WHERE NOT EXISTS { (c)<-[:BELONGS_TO]-(:Record {provider: $destination}) }
RETURN c.id AS id,
       [(c)<-[:BELONGS_TO]-(r:Record) | {
          provider: r.provider, external_id: r.external_id,
          first_name: r.first_name, last_name: r.last_name,
          source_updated_at: r.source_updated_at, last_seen: r.last_seen,
          identifiers: [(r)-[:HAS]->(i:Identifier) WHERE i.kind IN ['email', 'phone'] |
                        {kind: i.kind, value: i.value, generic: i.generic}]
       }] AS records
ORDER BY id
