// New customers, all created now. Params: $rows [{id}], $now.
// The time is one parameter, not one per row: the Python driver packs a datetime in tens of
// microseconds, which cost a first import (one new customer per record) ~40 ms a chunk.
UNWIND $rows AS row
CREATE (:Customer {id: row.id, created_at: $now, status: 'active'})
