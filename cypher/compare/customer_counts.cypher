// How many customers have a record in $source, in $destination, and in both.
// Held records (waiting for a decision, no customer yet) are not counted.
// Params: $source, $destination (provider slugs).
CALL {
  MATCH (:Record {provider: $source})-[:BELONGS_TO]->(c:Customer)
  WITH DISTINCT c
  RETURN count(c) AS source,
         count(CASE WHEN EXISTS { (c)<-[:BELONGS_TO]-(:Record {provider: $destination}) }
                    THEN c END) AS matched
}
CALL {
  MATCH (:Record {provider: $destination})-[:BELONGS_TO]->(c:Customer)
  RETURN count(DISTINCT c) AS destination
}
RETURN source, destination, matched, source - matched AS only_in_source
