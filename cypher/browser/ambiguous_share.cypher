// Health: the share of records that are ambiguous — held because their identifiers reach
// several customers, waiting for a human decision — and how many conflicts are open.
// Columns: records, held, share (held / records, 0 when there are no records),
// open_conflicts.
// Paste first: nothing (no parameters).
CALL () { MATCH (r:Record) RETURN count(r) AS records }
CALL () { MATCH (r:Record {status: 'held'}) RETURN count(r) AS held }
CALL () { MATCH (x:Conflict {status: 'open'}) RETURN count(x) AS open_conflicts }
RETURN records, held,
       CASE records WHEN 0 THEN 0.0 ELSE toFloat(held) / records END AS share,
       open_conflicts
