"""The app's widgets, one per module; each owns only its own layout (``DEFAULT_CSS``)."""
