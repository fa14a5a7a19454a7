"""Querying a build: SPARQL over the RDF export and its HTTP endpoint, Cypher, neighbourhood lookups."""
