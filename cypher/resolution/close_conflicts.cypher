// Close conflicts that new data or a decision settled. Params: $rows [{id, reason}], $now.
UNWIND $rows AS row
MATCH (x:Conflict {id: row.id, status: 'open'})
SET x.status = 'resolved', x.resolved_at = $now, x.resolution = row.reason
