GOAL = 10000
total_steps = 0


def add_steps(steps):
    # the total lives outside the function, so it must be declared global
    global total_steps
    total_steps += steps


days = int(input("How many days did you walk? "))
goal_days = 0

for day in range(1, days + 1):
    steps = int(input(f"Steps on day {day}: "))
    add_steps(steps)
    if steps >= GOAL:
        goal_days += 1

print("Total steps:", total_steps)
print("Days with at least", GOAL, "steps:", goal_days)

# Only work out an average when there is at least one day
if days > 0:
    average = total_steps / days
    print(f"Average per day: {average:.1f}")
else:
    print("No days were entered.")
