// Lock existing identifiers by key (those an updated record is about to lose) and read
// their links. Params: $keys (sorted identifier keys).
UNWIND $keys AS key
MATCH (i:Identifier {key: key})
SET i._lock = true
REMOVE i._lock
RETURN i.key AS key, i.generic AS generic, i.generic_reason AS generic_reason,
       CASE WHEN i.generic THEN []
            ELSE [(i)<-[:HAS]-(r:Record) |
                  {record: r.key, first_name: r.first_name, last_name: r.last_name,
                   birth_date: r.birth_date,
                   customer: [(r)-[:BELONGS_TO]->(c:Customer) | c.id][0]}]
       END AS links
