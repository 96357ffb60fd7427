def sum_of_squares(n):
    total = 0
    for i in range(1, n + 1):
        total += i * i
    return total


def sum_of_cubes(n):
    total = 0
    for i in range(1, n + 1):
        total += i ** 3
    return total


def squares_past(limit):
    # Start from the first square and add the next one until the sum is past the limit
    n = 1
    total = 1
    while total <= limit:
        n += 1
        total += n * n
    return n
