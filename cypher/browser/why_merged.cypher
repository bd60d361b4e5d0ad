// Why two records are one customer: the shortest chains between them through live,
// non-generic identifiers (Record-[:HAS]->Identifier) and human merge decisions
// (Decision-[:JOINS]->Record), hop by hop, passing only active records (a held record's
// identifiers link nothing until a human decides). Each row is one chain (a path) with the record
// keys along it; no row means nothing links them (see cypher/explain/browser_pair.cypher
// for why not).
// Paste first (demo values: an Amazon order tied to a POS sale by address, then phone):
// :param a => 'amazon:demo-0030-2'
// :param b => 'lightspeed_retail:demo-0030-3'
MATCH (ra:Record {key: $a}), (rb:Record {key: $b})
MATCH chain = allShortestPaths((ra)-[:HAS|JOINS*..40]-(rb))
WHERE all(n IN nodes(chain) WHERE NOT n:Identifier OR NOT n.generic)
  AND all(n IN nodes(chain) WHERE NOT n:Decision OR n.kind = 'merge')
  AND all(n IN nodes(chain) WHERE NOT n:Record OR n.status = 'active')
RETURN chain,
       [n IN nodes(chain) WHERE n:Record | n.key] AS records,
       length(chain) AS hops
