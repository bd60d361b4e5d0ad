// Every order of a $source record, and whether $destination has it: the same order number
// (a leading '#' ignored), else an order of a $destination record sharing a live,
// non-generic email with the same total and the same UTC date.
// Params: $source, $destination (provider slugs).
MATCH (r:Record {provider: $source})-[:PLACED]->(o:Order)
WITH r, o,
     CASE WHEN o.number STARTS WITH '#' THEN substring(o.number, 1) ELSE o.number END AS bare
OPTIONAL MATCH (r)-[:BELONGS_TO]->(c:Customer)
WITH r, o, c,
     bare IS NOT NULL AND EXISTS {
       MATCH (d:Order)<-[:PLACED]-(:Record {provider: $destination})
       WHERE d.number IN [bare, '#' + bare]
     } AS by_number
WITH r, o, c, by_number,
     NOT by_number AND o.total IS NOT NULL AND o.created_at IS NOT NULL AND EXISTS {
       MATCH (r)-[:HAS]->(e:Email)<-[:HAS]-(:Record {provider: $destination})-[:PLACED]->(d:Order)
       WHERE NOT coalesce(e.generic, false)
         AND d.total IS NOT NULL AND toFloat(d.total) = toFloat(o.total)
         AND d.created_at IS NOT NULL
         AND date(datetime({datetime: d.created_at, timezone: 'UTC'}))
             = date(datetime({datetime: o.created_at, timezone: 'UTC'}))
     } AS by_email_total_date
RETURN o.order_id AS order_id, o.number AS number, o.total AS total, o.currency AS currency,
       o.created_at AS created_at, o.channel AS channel, r.external_id AS record_id,
       c.id AS customer_id, by_number, by_email_total_date
ORDER BY CASE WHEN o.created_at IS NOT NULL
              THEN datetime({datetime: o.created_at, timezone: 'UTC'}) END, o.order_id
