// New customers, all created now. Params: $rows [{id}], $now.
UNWIND $rows AS row
CREATE (:Customer {id: row.id, created_at: $now, status: 'active'})
