// Everything that explains one customer, in one round trip: the survivor (an alias id
// follows MERGED_INTO), its aliases, its records with their live (HAS) and historical (HAD)
// identifier links, those identifiers, the human decisions on its records or conflicts, the
// merge/split events of the customer and its aliases, and its open conflicts.
// Identifiers are named by elementId, so no raw email or phone leaves the database; an
// address's canonical text is returned only when $include_canonical is true. Times come as
// ISO-8601 strings (decoding thousands of driver DATETIMEs cost more than the query).
// Records' first and last names are read only to decide whether a shared phone ties them
// (it does when their names agree); the explanation keeps them out of its output.
// Every expansion starts from this customer's nodes, never from an index: open conflicts
// are matched without their label so the Conflict(status) index cannot be chosen, and the
// cost follows the customer's size, not the number of open conflicts in the graph.
// Params: $id, $include_canonical.
MATCH (requested:Customer {id: $id})
OPTIONAL MATCH (requested)-[:MERGED_INTO*1..]->(s:Customer)
  WHERE NOT (s)-[:MERGED_INTO]->()
WITH coalesce(s, requested) AS c
WITH c, [(c)<-[:MERGED_INTO*1..]-(a:Customer) | a] AS aliases,
     [(c)<-[:BELONGS_TO]-(r:Record) | r] AS records
WITH c, aliases, [c] + aliases AS family, records
RETURN c.id AS id,
       c.status AS status,
       toString(c.created_at) AS created_at,
       [a IN aliases | {id: a.id, into: [(a)-[:MERGED_INTO]->(t:Customer) | t.id][0]}]
         AS aliases,
       [r IN records | r {
          .key, .provider, .external_id, .status, .first_name, .last_name, .birth_date,
          first_seen: toString(r.first_seen), last_seen: toString(r.last_seen),
          customer: c.id,
          links: [(r)-[h:HAS|HAD]->(i:Identifier) | {
            identifier: elementId(i), live: type(h) = 'HAS', provider: h.provider,
            rule: h.rule, first_seen: toString(h.first_seen),
            last_seen: toString(h.last_seen), removed_at: toString(h.removed_at)
          }]
       }] AS records,
       COLLECT {
         UNWIND records AS r
         MATCH (r)-[:HAS|HAD]->(i:Identifier)
         RETURN DISTINCT i {
           id: elementId(i), .kind, .masked, .generic, .generic_reason,
           canonical: CASE WHEN $include_canonical THEN i.canonical END
         }
       } AS identifiers,
       [d IN COLLECT {
          UNWIND records AS r
          UNWIND [(r)<-[:JOINS|ASSIGNS|APART]-(d:Decision) | d] +
                 [(r)<-[:CONCERNS]-(:Conflict)<-[:DECIDES]-(d:Decision) | d] AS d
          RETURN d
          UNION
          UNWIND family AS x
          UNWIND [(x)<-[:CANDIDATE]-(:Conflict)<-[:DECIDES]-(d:Decision) | d] AS d
          RETURN d
        } | d {
          .id, .kind, .actor, .reason, at: toString(d.at), .conflict_id,
          concerns: [(d)-[:DECIDES]->(:Conflict)-[:CONCERNS]->(r:Record) | r.key][0],
          joins: [(d)-[:JOINS]->(r:Record) | r.key],
          assigns: [(d)-[:ASSIGNS]->(r:Record) | r.key],
          to: [(d)-[:TO]->(t:Customer) | t.id],
          apart: [(d)-[s:APART]->(r:Record) | {record: r.key, side: s.side}]
        }] AS decisions,
       COLLECT {
         UNWIND family AS x
         MATCH (e:Event)-[:FROM|TO]->(x)
         RETURN DISTINCT e {
           .id, .kind, at: toString(e.at), .reason, .from_ids, .to_ids, .decision_id
         }
       } AS events,
       [k IN COLLECT {
          UNWIND family AS x
          UNWIND [(x)<-[:CANDIDATE]-(k) WHERE k.status = 'open' | k] AS k
          RETURN k
          UNION
          UNWIND records AS r
          UNWIND [(r)<-[:CONCERNS]-(k) WHERE k.status = 'open' | k] AS k
          RETURN k
        } | k {
          .id, .status, opened_at: toString(k.opened_at),
          record: [(k)-[:CONCERNS]->(r:Record) | r.key][0],
          candidates: [(k)-[:CANDIDATE]->(x:Customer) |
            coalesce([(x)-[:MERGED_INTO*1..]->(t) WHERE NOT (t)-[:MERGED_INTO]->() | t.id][0],
                     x.id)],
          bridged_by: [(k)-[:BRIDGED_BY]->(i:Identifier) |
            i {id: elementId(i), .kind, .masked, .generic, .generic_reason}]
        }] AS conflicts
