"""bobtui: chair a casusoverleg with the BOB model from the terminal."""

__version__ = "0.1.0"
