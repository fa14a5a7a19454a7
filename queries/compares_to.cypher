// Question:   Which papers compare themselves to a method, and by how much?
// Parameters: $name  method name or alias, exact (default: FlashAttention-2)
// Returns:    one row per paper: the stated figure (claim_*) when the sentence gives one, else nulls.
// Example:    kg cypher queries/compares_to.cypher --param name=FlashAttention-2
MATCH (p:Paper)-[r:COMPARES_TO]->(m:KGNode)
WHERE m.name = $name OR $name IN m.aliases
RETURN p.id AS paper, p.title AS title, m.name AS method,
       r.claim_value AS value, r.claim_unit AS unit, r.claim_metric AS metric,
       r.claim_direction AS direction, r.claim_text AS claim, r.evidence AS evidence
ORDER BY paper, method
