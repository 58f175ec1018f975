"""What the digest knows about its papers as a whole: data, not page text."""
