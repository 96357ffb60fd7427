# Read scores until the user types -1, then report the average.
total = 0.0
count = 0

score = float(input("Score (-1 to stop): "))
while score != -1:
    total += score
    count += 1
    score = float(input("Score (-1 to stop): "))

if count > 0:
    average = total / count
    print(f"You entered {count} scores.")
    print(f"Average: {average:.2f}")
else:
    print("No scores were entered.")
