points = {"red": 0, "blue": 0, "green": 0}

choice = input("Choice (a/s/q): ").strip()
while choice != "q" and choice != "Q":
    if choice == "a" or choice == "A":
        house = input("House: ").strip().lower()
        amount = int(input("Points: "))
        if amount >= 1 and amount <= 10:
            points[house] += amount
        else:
            print("Not added")
    elif choice == "s" or choice == "S":
        for house in points:
            print(house, points[house])
    else:
        print("Unknown choice", choice)
    choice = input("Choice (a/s/q): ").strip()

# the first house leads until another one has more points
leader = "red"
for house in points:
    if points[house] > points[leader]:
        leader = house
print("Leader:", leader, points[leader])
