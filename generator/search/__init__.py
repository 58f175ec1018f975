"""Search: the prebuilt index in shards and its worker, and the terminal search."""
