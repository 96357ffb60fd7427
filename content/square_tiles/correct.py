import math


def largest_tile(width, length):
    if width <= 0 or length <= 0:
        return 0
    return math.gcd(width, length)


def tiles_needed(width, length):
    side = largest_tile(width, length)
    if side == 0:
        return 0
    # Count the tiles along each side and multiply
    across = width // side
    along = length // side
    return across * along
