"""Qt item models over core data, loaded lazily."""
