// Neo4j Browser: two records and what ties or separates them — their customers; every
// shortest chain through live non-generic identifiers or merge decisions (the explanation
// names one of them); when there is none, the shortest chains through any live identifier
// (generic ones included); keep-apart decisions and decided conflicts on their customers'
// records; open conflicts holding them; tombstones of erased keys. Whether records' names
// agree is decided in Python, not here: a phone shared by records whose names differ (which
// ties no one) shows as a chain, as the explanation's path does when it is the reason why not.
// Params: $a, $b (record keys, provider:external_id).
OPTIONAL MATCH (ra:Record {key: $a})
OPTIONAL MATCH (rb:Record {key: $b})
WITH ra, rb,
     COLLECT {
       MATCH p = allShortestPaths((ra)-[:HAS|JOINS*..40]-(rb))
       WHERE all(n IN nodes(p) WHERE NOT n:Identifier OR NOT n.generic)
         AND all(n IN nodes(p) WHERE NOT n:Decision OR n.kind = 'merge')
       RETURN p
     } AS chains
RETURN ra, rb,
       [p = (ra)-[:BELONGS_TO]->(:Customer) | p] +
       [p = (rb)-[:BELONGS_TO]->(:Customer) | p] AS customers,
       CASE WHEN size(chains) > 0 THEN chains
            ELSE COLLECT {
              MATCH p = allShortestPaths((ra)-[:HAS|JOINS*..40]-(rb))
              RETURN p
            }
       END AS chains,
       [p = (ra)-[:BELONGS_TO]->(:Customer)<-[:BELONGS_TO]-(:Record)
            <-[:APART]-(:Decision {kind: 'keep_apart'}) | p] +
       [p = (rb)-[:BELONGS_TO]->(:Customer)<-[:BELONGS_TO]-(:Record)
            <-[:APART]-(:Decision {kind: 'keep_apart'}) | p] +
       [p = (ra)<-[:CONCERNS]-(:Conflict)<-[:DECIDES]-(:Decision) | p] +
       [p = (rb)<-[:CONCERNS]-(:Conflict)<-[:DECIDES]-(:Decision) | p] AS decisions,
       [p = (ra)<-[:CONCERNS]-(:Conflict {status: 'open'})-[:CANDIDATE]->(:Customer) | p] +
       [p = (rb)<-[:CONCERNS]-(:Conflict {status: 'open'})-[:CANDIDATE]->(:Customer) | p]
         AS open_conflicts,
       COLLECT {
         MATCH (t:Tombstone)
         WHERE t.key IN [$a, $b]
         RETURN t
       } AS tombstones
