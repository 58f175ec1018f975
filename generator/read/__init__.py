"""Readers: one module per kind of input file, and the dispatch by file type."""
