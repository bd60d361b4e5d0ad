// How many conflicts wait for a human decision (the /metrics gauge). No params.
MATCH (x:Conflict {status: 'open'})
RETURN count(x) AS open
