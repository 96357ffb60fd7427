def is_leap_year(year):
    # Every 4th year is a leap year, except centuries not divisible by 400
    return (year % 4 == 0 and year % 100 != 0) or year % 400 == 0


year = int(input("Year: "))
if is_leap_year(year):
    print(year, "is a leap year with 366 days.")
else:
    print(year, "is not a leap year; it has 365 days.")
