"""The bad-input corpus: real files from ../shared/data, broken on purpose.

See :mod:`corpus` for the cases; ``tests/test_ingest_corpus.py`` runs them.
"""
