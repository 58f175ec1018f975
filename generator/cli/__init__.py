"""The `digest` command: argv, exit codes, serve."""
