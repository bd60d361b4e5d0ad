// A customer by id or alias: the survivor with its records, identifiers, orders, aliases,
// decisions, history and open conflicts. Params: $id.
MATCH (requested:Customer {id: $id})
OPTIONAL MATCH (requested)-[:MERGED_INTO*1..]->(s:Customer)
  WHERE NOT (s)-[:MERGED_INTO]->()
WITH requested, coalesce(s, requested) AS c
RETURN c.id AS id,
       c.status AS status,
       c.created_at AS created_at,
       [(c)<-[:MERGED_INTO*1..]-(a:Customer) | a.id] AS aliases,
       [(c)<-[:BELONGS_TO]-(r:Record) | {
          key: r.key, provider: r.provider, external_id: r.external_id,
          first_name: r.first_name, last_name: r.last_name,
          marketing_consent: r.marketing_consent,
          source_updated_at: r.source_updated_at, last_seen: r.last_seen,
          identifiers: [(r)-[h:HAS]->(i:Identifier) |
                        {kind: i.kind, value: i.value, generic: i.generic,
                         last_seen: h.last_seen}],
          orders: [(r)-[:PLACED]->(o:Order) |
                   {key: o.key, total: o.total, currency: o.currency,
                    created_at: o.created_at, channel: o.channel}]
       }] AS records,
       [(c)<-[:BELONGS_TO]-(:Record)<-[]-(d:Decision) | d {.*}] +
       [(c)<-[:TO]-(d:Decision) | d {.*}] AS decisions,
       [(c)<-[:FROM|TO]-(e:Event) | e {.*}] AS history,
       [(c)<-[:CANDIDATE]-(x:Conflict {status: 'open'}) | x.id] +
       [(c)<-[:BELONGS_TO]-(:Record)<-[:CONCERNS]-(x:Conflict {status: 'open'}) | x.id]
         AS open_conflicts
