// Create missing identifier nodes, lock all of them, and read which records link to them.
// Params: $identifiers (sorted by key: key, kind, value, masked, canonical, generic,
// generic_reason), $now. A generic identifier's links are not returned: it links nothing.
UNWIND $identifiers AS row
MERGE (i:Identifier {key: row.key})
  ON CREATE SET i.kind = row.kind, i.value = row.value, i.masked = row.masked,
                i.canonical = row.canonical, i.generic = row.generic,
                i.generic_reason = row.generic_reason, i.created_at = $now
FOREACH (_ IN CASE WHEN row.kind = 'email' THEN [1] ELSE [] END | SET i:Email)
FOREACH (_ IN CASE WHEN row.kind = 'phone' THEN [1] ELSE [] END | SET i:Phone)
FOREACH (_ IN CASE WHEN row.kind = 'address' THEN [1] ELSE [] END | SET i:AddressHash)
FOREACH (_ IN CASE WHEN row.generic AND NOT i.generic THEN [1] ELSE [] END |
  SET i.generic = true, i.generic_reason = row.generic_reason)
SET i._lock = true
REMOVE i._lock
RETURN i.key AS key, i.generic AS generic, i.generic_reason AS generic_reason,
       CASE WHEN i.generic THEN []
            ELSE [(i)<-[:HAS]-(r:Record) |
                  {record: r.key, customer: [(r)-[:BELONGS_TO]->(c:Customer) | c.id][0]}]
       END AS links
