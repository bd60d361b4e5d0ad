// Everything that explains whether two records are one customer, in one round trip: both
// records, every record of their customers (bounded: nothing beyond those customers) with
// live (HAS) identifier links, generic ones included, the identifiers, the human decisions
// on those records or their conflicts, the open conflicts that hold them or name their
// customers, and the tombstones of erased keys.
// Identifiers are named by elementId, so no raw email or phone leaves the database; an
// address's canonical text is returned only when $include_canonical is true. Times come as
// ISO-8601 strings. Expansions start from these records and customers, never from an index
// (open conflicts are matched without their label, so Conflict(status) cannot be chosen).
// Records' names and dates of birth are read only to decide whether a shared identifier ties
// them (graph_identity/resolution/ties.py); the explanation keeps them out of its output.
// Params: $a, $b (record keys), $include_canonical.
OPTIONAL MATCH (ra:Record {key: $a})
OPTIONAL MATCH (rb:Record {key: $b})
WITH [r IN [ra, rb] WHERE r IS NOT NULL] AS ends
WITH ends,
     COLLECT {
       UNWIND ends AS e
       MATCH (e)-[:BELONGS_TO]->(c:Customer)
       RETURN DISTINCT c
     } AS customers
WITH ends, customers,
     COLLECT {
       UNWIND customers AS c
       MATCH (c)<-[:BELONGS_TO]-(r:Record)
       RETURN r
       UNION
       UNWIND ends AS r
       RETURN r
     } AS records,
     customers + COLLECT {
       UNWIND customers AS c
       MATCH (c)<-[:MERGED_INTO*1..]-(a:Customer)
       RETURN DISTINCT a
     } AS family
RETURN [r IN records | r {
          .key, .provider, .external_id, .status, .first_name, .last_name, .birth_date,
          first_seen: toString(r.first_seen), last_seen: toString(r.last_seen),
          customer: [(r)-[:BELONGS_TO]->(c:Customer) | c.id][0],
          links: [(r)-[h:HAS]->(i:Identifier) | {
            identifier: elementId(i), live: true, provider: h.provider, rule: h.rule,
            first_seen: toString(h.first_seen), last_seen: toString(h.last_seen)
          }]
       }] AS records,
       COLLECT {
         UNWIND records AS r
         MATCH (r)-[:HAS]->(i:Identifier)
         RETURN DISTINCT i {
           id: elementId(i), .kind, .masked, .generic, .generic_reason,
           canonical: CASE WHEN $include_canonical THEN i.canonical END
         }
       } AS identifiers,
       [d IN COLLECT {
          UNWIND records AS r
          UNWIND [(r)<-[:JOINS|ASSIGNS|APART]-(d:Decision) | d] +
                 [(r)<-[:CONCERNS]-(:Conflict)<-[:DECIDES]-(d:Decision) | d] AS d
          RETURN DISTINCT d
        } | d {
          .id, .kind, .actor, .reason, at: toString(d.at), .conflict_id,
          concerns: [(d)-[:DECIDES]->(:Conflict)-[:CONCERNS]->(r:Record) | r.key][0],
          joins: [(d)-[:JOINS]->(r:Record) | r.key],
          assigns: [(d)-[:ASSIGNS]->(r:Record) | r.key],
          to: [(d)-[:TO]->(t:Customer) | t.id],
          apart: [(d)-[s:APART]->(r:Record) | {record: r.key, side: s.side}]
        }] AS decisions,
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
        }] AS conflicts,
       COLLECT {
         MATCH (t:Tombstone)
         WHERE t.key IN [$a, $b]
         RETURN t {.key, erased_at: toString(t.erased_at), .replay_allowed}
       } AS tombstones
