import random

tosses = int(input("How many times should the coin be tossed? "))
tally = {"heads": 0, "tails": 0}

for i in range(1, tosses + 1):
    side = random.choice(["heads", "tails"])
    tally[side] += 1
    print("Toss " + str(i) + ": " + side)

# the dictionary keeps its keys in the order they were added
for side in tally:
    print(side.upper(), "came up", tally[side], "times")

if tosses > 0:
    percent = tally["heads"] / tosses * 100
    print(f"Heads share: {percent:.1f}%")

if tally["heads"] == tally["tails"]:
    print("It's a draw!")
else:
    # look for the side that came up most often
    winner = ""
    most = -1
    for side in tally:
        if tally[side] > most:
            winner = side
            most = tally[side]
    print("The winner is", winner, "with", most, "out of", tosses, "tosses.")
