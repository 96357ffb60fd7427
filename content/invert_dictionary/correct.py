def invert(favourites):
    by_colour = {}
    for student, colour in favourites.items():
        if colour not in by_colour:
            by_colour[colour] = []
        by_colour[colour].append(student)
    return by_colour


votes = {"Ana": "red", "Ben": "blue", "Cleo": "red"}
print(invert(votes))
