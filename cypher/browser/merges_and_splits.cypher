// Customers merged or split in a date range ($from inclusive, $to exclusive, DATETIMEs):
// the history events with the customers they came from and went to. A merge names the
// alias (from) and the survivor (to); a split names the customer that kept its id (from)
// and the new customers (to). Columns: event, kind, at, reason, from_ids, to_ids, and the
// event's FROM/TO paths for the Browser view; oldest first.
// Paste first (the last 7 days):
// :param from => datetime() - duration('P7D')
// :param to => datetime() + duration('PT1M')
MATCH (e:Event)
WHERE e.at >= $from AND e.at < $to
RETURN e.id AS event,
       e.kind AS kind,
       toString(e.at) AS at,
       e.reason AS reason,
       e.from_ids AS from_ids,
       e.to_ids AS to_ids,
       [p = (e)-[:FROM|TO]->(:Customer) | p] AS customers
ORDER BY e.at, e.id
