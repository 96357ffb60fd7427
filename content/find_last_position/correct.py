import random


def find_last(items, target):
    """Return the index of the last item equal to target, or -1."""
    i = len(items) - 1
    # Walk backwards, so the first match we meet is the last one in the list
    while i >= 0:
        if items[i] == target:
            return i
        i -= 1
    return -1


rolls = []
for turn in range(10):
    rolls.append(random.randint(1, 6))
print(rolls)
print(find_last(rolls, 6))
