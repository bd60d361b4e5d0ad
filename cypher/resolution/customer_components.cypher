// What re-resolving customers needs: each record with its name and date of birth (a shared
// identifier ties only records that do not contradict, graph_identity/resolution/ties.py),
// its live non-generic identifiers and the human decisions that tie it.
// Params: $ids (customer ids).
UNWIND $ids AS id
MATCH (c:Customer {id: id})
RETURN c.id AS customer,
       c.status AS status,
       [(c)<-[:BELONGS_TO]-(r:Record) | {
          key: r.key,
          first_seen: r.first_seen,
          first_name: r.first_name,
          last_name: r.last_name,
          birth_date: r.birth_date,
          identifiers: [(r)-[:HAS]->(i:Identifier) WHERE NOT i.generic | i.key],
          joins: [(r)<-[:JOINS]-(d:Decision) | d.id],
          assigned: EXISTS { (r)<-[:ASSIGNS]-(:Decision)-[:TO]->(c) }
       }] AS records
