"""Markdown pages from papers and what discovery found, in one pass."""
