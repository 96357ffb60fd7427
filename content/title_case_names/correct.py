# Tidy up a comma-separated list of names
line = input("Enter names separated by commas: ")
names = line.split(",")
for name in names:
    name = name.strip()
    print(name[0].upper() + name[1:].lower())
print("Number of names:", len(names))
