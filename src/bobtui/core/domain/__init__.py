"""The vocabulary of a casusoverleg and the plain records the core hands out.

Nothing here touches the store or the screen; these modules import in milliseconds.
"""
