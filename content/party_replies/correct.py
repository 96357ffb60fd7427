guests = int(input("How many guests? "))
coming = []
for i in range(1, guests + 1):
    print("Guest", i)
    name = input("Name: ").strip()
    answer = input("Coming? ").strip()
    if answer == "y" or answer == "Y" or answer == "yes":
        coming.append(name)

print(len(coming), "of", guests, "are coming")
if not coming:
    print("Party cancelled")
else:
    first = coming[0]
    print("First yes:", first)
