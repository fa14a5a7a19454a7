"""Querying a build: SPARQL over the RDF export (:mod:`kg.query.sparql`) and its HTTP endpoint."""
