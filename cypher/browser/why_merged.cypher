// Why two records are one customer: the shortest chains between them through live,
// non-generic identifiers (Record-[:HAS]->Identifier) and human merge decisions
// (Decision-[:JOINS]->Record), hop by hop, passing only active records (a held record's
// identifiers link nothing until a human decides) and never from one record to another
// that CONTRADICTS it (names or dates of birth that disagree: such a shared identifier ties
// no one, graph_identity/resolution/ties.py). Each row is one chain (a path) with the record
// keys along it; no row means nothing links them (see cypher/explain/browser_pair.cypher
// for why not).
// Paste first (demo values: an Amazon order tied to a POS sale by address, then phone):
// :param a => 'amazon:demo-0030-2'
// :param b => 'lightspeed_retail:demo-0030-3'
MATCH (ra:Record {key: $a}), (rb:Record {key: $b})
MATCH chain = ALL SHORTEST (ra)
  ((x:Record)-[:HAS|JOINS]-(via)-[:HAS|JOINS]-(y:Record)
    WHERE x.status = 'active' AND y.status = 'active'
      AND ((via:Identifier AND NOT via.generic AND NOT (x)-[:CONTRADICTS]-(y))
           OR (via:Decision AND via.kind = 'merge')))+
  (rb)
RETURN chain,
       [n IN nodes(chain) WHERE n:Record | n.key] AS records,
       length(chain) AS hops
