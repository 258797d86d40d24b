"""Question sets (leidraden) as data: TOML files, checked line by line, in a catalog."""
