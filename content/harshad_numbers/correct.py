def digit_sum(n):
    # Use the size of the number, so that -42 gives 6 as well
    n = abs(n)
    total = 0
    while n > 0:
        total += n % 10
        n = n // 10
    return total


def is_harshad(n):
    if n <= 0:
        return False
    return n % digit_sum(n) == 0


def harshad_numbers(low, high):
    found = []
    for n in range(low, high + 1):
        if is_harshad(n):
            found.append(n)
    return found
