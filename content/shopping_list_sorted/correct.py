# Read shopping items until a blank line, then show them in order
items = []
item = input("Item (blank to finish): ").strip().lower()
while item != "":
    if item not in items:
        items.append(item)
    item = input("Item (blank to finish): ").strip().lower()

if items == []:
    print("Your list is empty.")
else:
    items.sort()
    print("Your list in order:")
    for entry in items:
        print("-", entry)
    items.reverse()
    print("Backwards:", ", ".join(items))
    print("Number of items:", len(items))
