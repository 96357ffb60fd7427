import math


def distance(x1, y1, x2, y2):
    dx = x2 - x1
    dy = y2 - y1
    return math.sqrt(dx * dx + dy * dy)


def closest_to(points, x, y):
    if len(points) == 0:
        return None
    best = points[0]
    best_distance = distance(best[0], best[1], x, y)
    for point in points:
        gap = distance(point[0], point[1], x, y)
        if gap < best_distance:
            best = point
            best_distance = gap
    return best


def count_within(points, x, y, radius):
    count = 0
    for point in points:
        if distance(point[0], point[1], x, y) <= radius:
            count += 1
    return count
