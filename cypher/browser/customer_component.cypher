// A customer's whole component: the surviving customer (an alias id, or the key of any of
// its records, leads to it), its records, their live identifiers, the human decisions that
// joined records and the merged-away aliases. One row per path; the customer id and its
// record count repeat on every row.
// Paste first (demo values: a shopper's two POS records, merged by a web order carrying
// both their email and phone; give either a record key or a customer id and set the other
// to null):
// :param key => 'lightspeed_retail:demo-pos-email-1'
// :param customer_id => null
OPTIONAL MATCH (byRecord:Record {key: $key})-[:BELONGS_TO]->(owner:Customer)
OPTIONAL MATCH (byId:Customer {id: $customer_id})
WITH coalesce(byId, owner) AS requested
MATCH (requested)-[:MERGED_INTO*0..]->(c:Customer)
  WHERE NOT (c)-[:MERGED_INTO]->()
WITH c, COUNT { (c)<-[:BELONGS_TO]-(:Record) } AS record_count
CALL (c) {
  MATCH p = (c)<-[:BELONGS_TO]-(:Record)
  RETURN p
  UNION
  MATCH p = (c)<-[:BELONGS_TO]-(:Record)-[:HAS]->(:Identifier)
  RETURN p
  UNION
  MATCH p = (c)<-[:BELONGS_TO]-(:Record)<-[:JOINS]-(:Decision)
  RETURN p
  UNION
  MATCH p = (c)<-[:MERGED_INTO*1..]-(:Customer)
  RETURN p
}
RETURN c.id AS customer_id, record_count, p
