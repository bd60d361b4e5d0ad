// Neo4j Browser: two records and what ties or separates them — their customers; every
// shortest chain through live non-generic identifiers or merge decisions, never between two
// records that CONTRADICT each other (the engine writes that edge where their names or dates
// of birth disagree; graph_identity/resolution/ties.py) — the explanation names one of them;
// when there is none, the shortest chains through any live identifier (generic and
// contradicted ones included, as the explanation's path shows the reason why not);
// keep-apart decisions and decided conflicts on their customers' records; open conflicts
// holding them; tombstones of erased keys.
// Params: $a, $b (record keys, provider:external_id).
OPTIONAL MATCH (ra:Record {key: $a})
OPTIONAL MATCH (rb:Record {key: $b})
WITH ra, rb,
     COLLECT {
       MATCH p = ALL SHORTEST (ra)
         ((x:Record)-[:HAS|JOINS]-(via)-[:HAS|JOINS]-(y:Record)
           WHERE (via:Identifier AND NOT via.generic AND NOT (x)-[:CONTRADICTS]-(y))
              OR (via:Decision AND via.kind = 'merge'))+
         (rb)
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
