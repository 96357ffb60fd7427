# Build a shopping list from the items the user types
count = int(input("How many items? "))
items = []
for i in range(1, count + 1):
    item = input("Item " + str(i) + ": ")
    items.append(item.strip().lower())

if len(items) == 0:
    print("Your shopping list is empty.")
else:
    print("Your shopping list:")
    for i in range(len(items)):
        print(str(i + 1) + ".", items[i])
    print("First item:", items[0])
    print("Last item:", items[len(items) - 1])
