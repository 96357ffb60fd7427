def count_equal(values, target):
    count = 0
    for value in values:
        if value == target:
            count += 1
    return count


def count_between(values, low, high):
    count = 0
    for value in values:
        if value >= low and value <= high:
            count += 1
    return count
