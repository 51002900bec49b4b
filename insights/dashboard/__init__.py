"""The sponsor and gardener dashboard: figures read from the activity ledger only.

``period`` parses and checks the date range, ``figures`` runs the fixed set of queries,
``behaviours`` and ``health`` turn figures into the "behaviours evident" panel and the
nine design principles, ``charts`` lays out the server-drawn SVG. Views stay thin.
"""
