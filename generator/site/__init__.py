"""The writer, MkDocs and its plugins, offline files and publishing."""
