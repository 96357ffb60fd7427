import random


def roll_dice(count, sides):
    """Roll `count` dice with `sides` sides each and return the total."""
    total = 0
    for _ in range(count):
        total += random.randint(1, sides)
    return total


dice = int(input("How many dice? "))
sides = int(input("How many sides on each die? "))
rounds = int(input("How many rounds? "))

grand_total = 0
for round_number in range(1, rounds + 1):
    result = roll_dice(dice, sides)
    grand_total += result
    print(f"Round {round_number}: {result}")

if rounds > 0:
    average = grand_total / rounds
    print("Average per round:", round(average, 2))
    print("Highest possible per round:", dice * sides)
else:
    print("No rounds were played.")
