// Question:   The builds-on chain around a method: what was built on it (downstream) and what it was
//             built on (upstream), following "paper builds on X and proposes Y" steps up to 3 deep.
//             downstream: X <-BUILDS_ON- paper -PROPOSES-> Y   (Y builds on X)
//             upstream:   X <-PROPOSES- paper -BUILDS_ON-> Y   (X builds on Y)
// Parameters: $name  method/model name or alias, exact (default: Mamba)
// Returns:    direction, the entity reached, and the fewest steps to reach it (1-3).
// Example:    kg cypher queries/builds_on_chain.cypher --param name=Mamba
MATCH (m:KGNode) WHERE m.name = $name OR $name IN m.aliases
WITH collect(m) AS starts
UNWIND starts AS m
CALL (m) {
  MATCH (m) ((a)<-[:BUILDS_ON]-(:Paper)-[:PROPOSES]->(b)){1,3} (x)
  RETURN 'downstream' AS direction, x, size(a) AS n
  UNION ALL
  MATCH (m) ((a)<-[:PROPOSES]-(:Paper)-[:BUILDS_ON]->(b)){1,3} (x)
  RETURN 'upstream' AS direction, x, size(a) AS n
}
WITH starts, direction, x, min(n) AS steps
WHERE NOT x IN starts
RETURN direction, x.id AS id, x.name AS name, steps
ORDER BY direction, steps, id
