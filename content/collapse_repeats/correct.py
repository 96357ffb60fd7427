import random


def collapse_repeats(values):
    """Return a list with each run of equal neighbours kept once."""
    if len(values) == 0:
        return []
    result = [values[0]]
    for i in range(1, len(values)):
        # Keep a value only when it differs from the one just before it
        if values[i] != values[i - 1]:
            result.append(values[i])
    return result


# Toss a coin 12 times and show each run of heads or tails once
tosses = []
for toss in range(12):
    tosses.append(random.choice(["H", "T"]))
print(tosses)
print(collapse_repeats(tosses))
