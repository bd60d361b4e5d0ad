// Identifiers that do not link, with how many records carry them.
MATCH (i:Identifier)
WHERE i.generic
RETURN i.kind AS kind, i.masked AS masked, i.generic_reason AS reason,
       COUNT { (i)<-[:HAS]-(:Record) } AS record_count
ORDER BY record_count DESC, kind, masked
