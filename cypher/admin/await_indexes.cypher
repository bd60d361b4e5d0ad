// Wait until every index is online (used after applying the schema).
CALL db.awaitIndexes(300)
