first = input("First name: ")
last = input("Last name: ")
print("Badge:", first, last)
print("Letters:", len(first) + len(last))
