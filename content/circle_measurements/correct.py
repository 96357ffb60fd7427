import math


def area(radius):
    if radius < 0:
        return 0.0
    return round(math.pi * radius ** 2, 2)


def circumference(radius):
    if radius < 0:
        return 0.0
    return round(2 * math.pi * radius, 2)
