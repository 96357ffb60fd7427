def longest(words):
    best = None
    for word in words:
        if best is None or len(word) > len(best):
            best = word
    return best


fruit = ["kiwi", "banana", "fig", "cherry"]
winner = longest(fruit)
length = len(winner)
print("There are", len(fruit), "fruit")
print(winner, "has", length, "letters")
