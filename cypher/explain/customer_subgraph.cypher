// Everything that explains one customer, in one round trip: the survivor (an alias id
// follows MERGED_INTO), its aliases, its records with their live (HAS) and historical (HAD)
// identifier links, those identifiers, the human decisions on its records or conflicts, the
// merge/split events of the customer and its aliases, and its open conflicts.
// Identifiers are named by elementId, so no raw email or phone leaves the database; an
// address's canonical text is returned only when $include_canonical is true.
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
       c.created_at AS created_at,
       [a IN aliases | {id: a.id, into: [(a)-[:MERGED_INTO]->(t:Customer) | t.id][0]}]
         AS aliases,
       [r IN records | r {
          .key, .provider, .external_id, .status, .first_seen, .last_seen,
          customer: c.id,
          links: [(r)-[h:HAS|HAD]->(i:Identifier) | h {
            identifier: elementId(i), live: type(h) = 'HAS',
            .provider, .rule, .first_seen, .last_seen, .removed_at
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
          MATCH (d:Decision)-[:JOINS|ASSIGNS|APART]->(r)
          RETURN d
          UNION
          UNWIND records AS r
          MATCH (d:Decision)-[:DECIDES]->(:Conflict)-[:CONCERNS]->(r)
          RETURN d
          UNION
          UNWIND family AS x
          MATCH (d:Decision)-[:DECIDES]->(:Conflict)-[:CANDIDATE]->(x)
          RETURN d
        } | d {
          .id, .kind, .actor, .reason, .at, .conflict_id,
          concerns: [(d)-[:DECIDES]->(:Conflict)-[:CONCERNS]->(r:Record) | r.key][0],
          joins: [(d)-[:JOINS]->(r:Record) | r.key],
          assigns: [(d)-[:ASSIGNS]->(r:Record) | r.key],
          to: [(d)-[:TO]->(t:Customer) | t.id],
          apart: [(d)-[s:APART]->(r:Record) | {record: r.key, side: s.side}]
        }] AS decisions,
       COLLECT {
         UNWIND family AS x
         MATCH (e:Event)-[:FROM|TO]->(x)
         RETURN DISTINCT e {.id, .kind, .at, .reason, .from_ids, .to_ids, .decision_id}
       } AS events,
       [k IN COLLECT {
          UNWIND family AS x
          MATCH (k:Conflict {status: 'open'})-[:CANDIDATE]->(x)
          RETURN k
          UNION
          UNWIND records AS r
          MATCH (k:Conflict {status: 'open'})-[:CONCERNS]->(r)
          RETURN k
        } | k {
          .id, .status, .opened_at,
          record: [(k)-[:CONCERNS]->(r:Record) | r.key][0],
          candidates: [(k)-[:CANDIDATE]->(x:Customer) |
            coalesce([(x)-[:MERGED_INTO*1..]->(t) WHERE NOT (t)-[:MERGED_INTO]->() | t.id][0],
                     x.id)],
          bridged_by: [(k)-[:BRIDGED_BY]->(i:Identifier) |
            i {id: elementId(i), .kind, .masked, .generic, .generic_reason}]
        }] AS conflicts
