"""Where bobtui keeps its files and what the user configured."""
