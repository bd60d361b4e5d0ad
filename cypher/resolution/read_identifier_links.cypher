// Re-read which records link to already locked identifiers (after customers were locked).
// Params: $keys (identifier keys).
UNWIND $keys AS key
MATCH (i:Identifier {key: key})
RETURN i.key AS key, i.generic AS generic, i.generic_reason AS generic_reason,
       CASE WHEN i.generic THEN []
            ELSE [(i)<-[:HAS]-(r:Record) |
                  {record: r.key, customer: [(r)-[:BELONGS_TO]->(c:Customer) | c.id][0]}]
       END AS links
