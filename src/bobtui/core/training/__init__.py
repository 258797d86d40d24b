"""Training: practice cases as data, rehearsals, feedback on the chair, handouts, the demo."""
