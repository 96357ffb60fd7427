def best_index(scores):
    """Return the position of the highest score (the earlier one wins a tie)."""
    best = 0
    for i in range(1, len(scores)):
        if scores[i] > scores[best]:
            best = i
    return best


# Read every player's name and score into two lists
names = []
scores = []
count = int(input("Number of players: "))
for i in range(1, count + 1):
    names.append(input(f"Name of player {i}: ").strip().title())
    scores.append(int(input("Score: ")))

# Hand out the medals, removing each winner from the lists
medals = ["Gold", "Silver", "Bronze"]
for place in range(min(3, len(names))):
    i = best_index(scores)
    print(medals[place] + ": " + names[i] + " with " + str(scores[i]) + " points")
    names.pop(i)
    scores.pop(i)

if len(names) > 0:
    print("No medal:", ", ".join(names))
else:
    print("Every player won a medal!")
