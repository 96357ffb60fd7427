def running_totals(numbers):
    totals = []
    total = 0
    for number in numbers:
        total += number
        totals.append(total)
    return totals


rain = [2, 0, 5, 1, 0, 3, 4]
print("Rain so far each day:", running_totals(rain))
