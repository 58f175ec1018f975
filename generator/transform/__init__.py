"""From records to tagged papers: join, clean, merge duplicates, tag, slug."""
