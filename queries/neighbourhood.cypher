// Question:   The 2-hop neighbourhood of a paper: every node within two relationships (either direction).
// Parameters: $paper  paper id (paper/...) or exact title (default: paper/659596931190)
// Returns:    one row per node reached, with its type and the fewest hops (1 or 2).
// Example:    kg cypher queries/neighbourhood.cypher --param paper=paper/659596931190
MATCH (p:Paper) WHERE p.id = $paper OR p.title = $paper
MATCH (p)-[rels*1..2]-(n)
WHERE n <> p
WITH n, min(size(rels)) AS hops
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'KGNode'][0] AS type, n.name AS name, hops
ORDER BY hops, id
