def proper_divisors(n):
    found = []
    # No proper divisor is larger than half of n
    for d in range(1, n // 2 + 1):
        if n % d == 0:
            found.append(d)
    return found


def is_perfect(n):
    if n <= 0:
        return False
    return sum(proper_divisors(n)) == n


def perfect_numbers(limit):
    result = []
    for n in range(2, limit + 1):
        if is_perfect(n):
            result.append(n)
    return result
