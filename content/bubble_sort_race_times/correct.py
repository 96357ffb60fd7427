import random


def sort_race(times):
    """Return a new list of the (runner, seconds) tuples, fastest first."""
    ordered = list(times)
    for rounds in range(1, len(ordered)):
        # Each pass carries the slowest runner left to the end
        for i in range(len(ordered) - rounds):
            if ordered[i][1] > ordered[i + 1][1]:
                ordered[i], ordered[i + 1] = ordered[i + 1], ordered[i]
    return ordered


race = []
for runner in ["Ida", "Kai", "Ola"]:
    race.append((runner, random.randint(40, 60)))
print(race)
print(sort_race(race))
