def is_leap(year):
    if year % 400 == 0:
        return True
    return year % 4 == 0 and year % 100 != 0


def month_lengths(year):
    lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    if is_leap(year):
        lengths[1] = 29
    return lengths


def day_of_year(day, month, year):
    lengths = month_lengths(year)
    total = day
    # Add the whole months before this one
    for m in range(1, month):
        total += lengths[m - 1]
    return total


def next_date(day, month, year):
    lengths = month_lengths(year)
    if day < lengths[month - 1]:
        return day + 1, month, year
    # The last day of a month: go to the 1st of the next month
    if month < 12:
        return 1, month + 1, year
    return 1, 1, year + 1
