// Question:   What runs on a piece of hardware: which papers report it, and what do they propose?
// Parameters: $name  hardware name or alias, exact (default: H100)
// Returns:    one row per paper, with the names of what it proposes (sorted) and the evidence sentence.
// Example:    kg cypher queries/runs_on.cypher --param name=H100
MATCH (p:Paper)-[r:RUNS_ON]->(h:Hardware)
WHERE h.name = $name OR $name IN h.aliases
OPTIONAL MATCH (p)-[:PROPOSES]->(x)
WITH p, h, r, x ORDER BY x.name
RETURN p.id AS paper, p.title AS title, h.name AS hardware, collect(x.name) AS proposes, r.evidence AS evidence
ORDER BY paper, hardware
