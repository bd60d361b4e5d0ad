// Customers left without records (their last record was erased). Params: $ids.
UNWIND $ids AS id
MATCH (c:Customer {id: id})
WHERE NOT EXISTS { (c)<-[:BELONGS_TO]-(:Record) }
SET c.status = 'empty'
