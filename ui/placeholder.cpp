// Replaced when the first window lands.
