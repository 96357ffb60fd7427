score = 0
answer = input("What is 7 x 8? ")
if answer == "56":
    score += 1
    print("Correct!")
else:
    print("Not quite, it is 56.")
answer = input("What is 9 x 6? ")
if answer == "54":
    score += 1
    print("Correct!")
else:
    print("Not quite, it is 54.")
print("You scored", score, "out of 2")
