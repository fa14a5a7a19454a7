// Question:   Which methods are most often compared against?
// Parameters: $limit  how many methods to list (default: 10)
// Returns:    method id, name and the number of papers comparing to it; ties broken by id.
// Example:    kg cypher queries/most_compared.cypher --param limit=20
MATCH (:Paper)-[r:COMPARES_TO]->(m:Method)
RETURN m.id AS id, m.name AS name, count(r) AS papers
ORDER BY papers DESC, id
LIMIT $limit
