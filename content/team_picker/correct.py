import random

picks = 0


def pick_player(players, team):
    # move one random player from the players to the team
    global picks
    player = random.choice(players)
    players.remove(player)
    team.append(player)
    picks += 1
    print("Pick", picks, "is", player)


count = int(input("How many players? "))
names = []
for i in range(count):
    name = input(f"Name of player {i + 1}: ")
    name = name.strip().title()
    names.append(name)

red_team = []
for i in range(len(names) // 2):
    pick_player(names, red_team)

# whoever was not picked plays for the blue team
print("Red team: " + ", ".join(red_team))
print("Blue team: " + ", ".join(names))
print("Picks made:", picks)
if picks == 0:
    print("Too few players to pick teams.")
elif len(names) > len(red_team):
    print("The blue team has one player more.")
