# Read the dancers until an empty line
dancers = []
name = input("Dancer (empty line to stop): ").strip()
while name != "":
    dancers.append(name)
    name = input("Dancer (empty line to stop): ").strip()

if len(dancers) == 0:
    print("No dancers today.")
else:
    print("First in line:", dancers[0])
    print("Last in line:", dancers[len(dancers) - 1])

    # first with last, second with second-to-last, ...
    for i in range(len(dancers) // 2):
        partner = dancers[len(dancers) - 1 - i]
        print(f"Pair {i + 1}: {dancers[i]} and {partner}")

    if len(dancers) % 2 == 1:
        leader = dancers[len(dancers) // 2]
        print(leader, "stands in the middle and leads the music.")
    else:
        print("Everyone has a partner.")
