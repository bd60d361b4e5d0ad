// How many orders the records of $destination placed. Params: $destination.
MATCH (:Record {provider: $destination})-[:PLACED]->(d:Order)
RETURN count(DISTINCT d) AS destination
