// The checkpoint of one import file. Params: $id (the file identity).
MATCH (k:ImportCheckpoint {id: $id})
RETURN k.last_row AS last_row, k.status AS status
