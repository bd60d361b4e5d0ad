// Close conflicts that new data or a decision settled. Params: $rows [{id, at, reason}].
UNWIND $rows AS row
MATCH (x:Conflict {id: row.id, status: 'open'})
SET x.status = 'resolved', x.resolved_at = row.at, x.resolution = row.reason
