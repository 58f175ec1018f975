"""Search quality on a judged query set (queries.yml), for every search the digest has."""
