import random


def reduced_fare_percent(ages):
    """Return the percentage of the ages under 16 or 65 and over."""
    if len(ages) == 0:
        return 0
    count = 0
    for age in ages:
        if age < 16 or age >= 65:
            count += 1
    return count * 100 / len(ages)


bus = []
for seat in range(20):
    bus.append(random.randint(1, 90))
print(bus)
print(reduced_fare_percent(bus))
