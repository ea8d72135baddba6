"""The app's screens, one per module; each wires widgets to jobs and stays thin."""
