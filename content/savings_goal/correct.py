WEEKS_PER_MONTH = 4


def weeks_needed(goal, weekly):
    """Count the weeks until the savings reach the goal."""
    saved = 0.0
    weeks = 0
    while saved < goal:
        saved += weekly
        weeks += 1
    return weeks


goal = float(input("How much do you want to save? "))
weekly = float(input("How much can you save each week? "))

if weekly <= 0:
    print("With that weekly amount you will never reach your goal.")
else:
    weeks = weeks_needed(goal, weekly)
    months = weeks // WEEKS_PER_MONTH
    extra_weeks = weeks % WEEKS_PER_MONTH
    print(f"You will reach your goal in {weeks} weeks.")
    print("That is", months, "months and", extra_weeks, "weeks.")
