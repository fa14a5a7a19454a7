"""kg: build a knowledge graph of machine-learning research from paper listings.

The pipeline is ``ingest`` (files to :class:`~kg.model.Paper`), ``extract``
(papers to entities and relations), ``resolve`` (one node per real-world
thing), :mod:`kg.graph` (the one graph model) and ``export`` (JSON, GraphML,
RDF, Neo4j, HTML). Importing :mod:`kg` is cheap: heavy libraries are imported
inside the functions that need them.
"""
from kg.errors import KGError

__version__ = "0.1.0"
__all__ = ["KGError", "__version__"]
