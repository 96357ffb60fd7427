count = 0
for fruit in ["apple", "banana", "cherry", "damson"]:
    if len(fruit) > 5:
        count += 1
print("Long names:", count)
