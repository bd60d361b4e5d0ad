// New customers. Params: $rows [{id, created_at}].
UNWIND $rows AS row
CREATE (:Customer {id: row.id, created_at: row.created_at, status: 'active'})
