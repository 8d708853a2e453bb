"""tiltak: Norwegian action-programme notes -> versioned measure datasets."""
__version__ = "0.1.0"
