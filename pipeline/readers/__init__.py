"""One reader per input format. Each returns tidy rows with the line they came from."""
