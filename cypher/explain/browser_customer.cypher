// Neo4j Browser: the subgraph that explains one customer — the survivor (an alias id follows
// MERGED_INTO), its aliases, its records with their live and historical identifiers, the
// human decisions on its records, its merge/split events and its open conflicts.
// Params: $id (a customer id or an alias id).
MATCH (requested:Customer {id: $id})
MATCH (requested)-[:MERGED_INTO*0..]->(c:Customer)
  WHERE NOT (c)-[:MERGED_INTO]->()
RETURN c AS customer,
       [p = (c)<-[:MERGED_INTO*1..]-(:Customer) | p] AS aliases,
       [p = (c)<-[:BELONGS_TO]-(:Record) | p] AS records,
       [p = (c)<-[:BELONGS_TO]-(:Record)-[:HAS|HAD]->(:Identifier) | p] AS identifiers,
       [p = (c)<-[:BELONGS_TO]-(:Record)<-[:JOINS|ASSIGNS|APART]-(:Decision) | p] +
       [p = (c)<-[:BELONGS_TO]-(:Record)<-[:CONCERNS]-(:Conflict)<-[:DECIDES]-(:Decision) | p]
         AS decisions,
       [p = (:Event)-[:FROM|TO]->(:Customer)-[:MERGED_INTO*0..]->(c) | p] AS events,
       [p = (:Conflict {status: 'open'})-[:CANDIDATE]->(:Customer)-[:MERGED_INTO*0..]->(c) | p] +
       [p = (:Conflict {status: 'open'})-[:CONCERNS]->(:Record)-[:BELONGS_TO]->(c) | p]
         AS open_conflicts
