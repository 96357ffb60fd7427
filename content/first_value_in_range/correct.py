def first_in_range(values, low, high):
    """Return the index of the first value from low to high inclusive, or -1."""
    for i in range(0, len(values)):
        value = values[i]
        if value >= low and value <= high:
            return i
    return -1
