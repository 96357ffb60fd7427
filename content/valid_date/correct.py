def is_leap(year):
    # Century years are leap years only when they divide by 400
    if year % 100 == 0:
        return year % 400 == 0
    return year % 4 == 0


def days_in_month(month, year):
    if month == 2:
        if is_leap(year):
            return 29
        return 28
    if month == 4 or month == 6 or month == 9 or month == 11:
        return 30
    return 31


def is_valid_date(day, month, year):
    if month < 1 or month > 12:
        return False
    return day >= 1 and day <= days_in_month(month, year)
