"""One module per CLI command: each runs library functions and presents their results."""
