// Totals: customers, records, identifiers by kind, records/customers per provider,
// conflicts by status.
CALL () { MATCH (c:Customer {status: 'active'}) RETURN count(c) AS customers }
CALL () { MATCH (r:Record) RETURN count(r) AS records }
CALL () {
  MATCH (i:Identifier) WITH i.kind AS kind, count(*) AS n
  RETURN collect({kind: kind, count: n}) AS identifiers
}
CALL () {
  MATCH (r:Record)
  OPTIONAL MATCH (r)-[:BELONGS_TO]->(c:Customer)
  WITH r.provider AS provider, count(r) AS records, count(DISTINCT c) AS customers
  ORDER BY provider
  RETURN collect({provider: provider, records: records, customers: customers}) AS providers
}
CALL () {
  MATCH (x:Conflict) WITH x.status AS status, count(*) AS n
  RETURN collect({status: status, count: n}) AS conflicts
}
RETURN customers, records, identifiers, providers, conflicts
