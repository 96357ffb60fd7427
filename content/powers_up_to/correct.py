def powers_up_to(base, limit):
    # A base of 1 or less would never get past the limit
    if base < 2:
        return []
    powers = []
    power = 1
    while power <= limit:
        powers.append(power)
        power = power * base
    return powers


def largest_power(base, limit):
    powers = powers_up_to(base, limit)
    if len(powers) == 0:
        return 0
    return powers[-1]
