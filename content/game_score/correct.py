# Add up a player's points from the two rounds of a game
player = input("Player name: ")
player = player.strip().title()
round1 = int(input("Points in round 1: "))
round2 = int(input("Points in round 2: "))
print(player, "scored", round1 + round2, "points in total.")
if round1 == round2:
    print("Both rounds gave the same score.")
answer = input("Play a bonus round (y/n)? ").strip()
if answer == "y" or answer == "Y":
    print("Good luck in the bonus round, " + player + "!")
else:
    print("Thanks for playing, " + player + ".")
