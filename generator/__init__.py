"""paper-digest: turn a pasted trending-papers page into a tagged, searchable static site."""
