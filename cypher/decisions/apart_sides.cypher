// A keep-apart decision puts each candidate's records on its own side.
// Params: $decision, $sides [{customer, side}].
MATCH (d:Decision {id: $decision})
UNWIND $sides AS side
MATCH (c:Customer {id: side.customer})<-[:BELONGS_TO]-(r:Record)
CREATE (d)-[:APART {side: side.side}]->(r)
