def average_positive(numbers):
    total = 0
    count = 0
    for n in numbers:
        if n > 0:
            total += n
            count += 1
    average = 0.0
    if count > 0:
        average = total / count
    return average
