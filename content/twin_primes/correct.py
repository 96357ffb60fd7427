import math


def is_prime(n):
    if n < 2:
        return False
    # A divisor above the square root would pair with one below it
    for d in range(2, int(math.sqrt(n)) + 1):
        if n % d == 0:
            return False
    return True


def first_primes(count):
    primes = []
    n = 2
    while len(primes) < count:
        if is_prime(n):
            primes.append(n)
        n += 1
    return primes


def twin_primes(limit):
    pairs = []
    for p in range(2, limit - 1):
        if is_prime(p) and is_prime(p + 2):
            pairs.append((p, p + 2))
    return pairs
