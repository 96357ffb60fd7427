import math


def closest(squares):
    """Return the (column, row) square nearest to (0, 0), or None if there are none."""
    best = None
    best_distance = 0
    for square in squares:
        distance = math.sqrt(square[0] ** 2 + square[1] ** 2)
        # The first square is always the nearest one so far
        if best is None or distance < best_distance:
            best = square
            best_distance = distance
    return best
