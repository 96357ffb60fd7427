def mean(values):
    """Return the average of a non-empty list of numbers."""
    total = 0
    for value in values:
        total += value
    return total / len(values)


def median(values):
    """Return the middle value of the list once it is sorted."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2 == 1:
        return ordered[middle]
    else:
        return (ordered[middle - 1] + ordered[middle]) / 2


count = int(input("How many numbers? "))
numbers = []
for i in range(1, count + 1):
    numbers.append(float(input(f"Number {i}: ")))

if count > 0:
    average = mean(numbers)
    above = 0
    for number in numbers:
        if number > average:
            above += 1
    print("Numbers:", numbers)
    print(f"Mean: {average:.2f}")
    print(f"Median: {median(numbers):.2f}")
    print(f"Range: {max(numbers) - min(numbers):.2f}")
    print("Numbers above the mean:", above)
else:
    print("No numbers to analyse.")
