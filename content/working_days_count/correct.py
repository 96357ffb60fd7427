def weekday_of(date, first_weekday):
    # The weekdays repeat every 7 days, counting from the 1st of the month
    return (first_weekday + date - 2) % 7 + 1


def working_days(first_weekday, start, end):
    if start > end:
        return 0
    count = 0
    for date in range(start, end + 1):
        weekday = weekday_of(date, first_weekday)
        # Saturday is 6 and Sunday is 7
        if weekday != 6 and weekday != 7:
            count += 1
    return count
