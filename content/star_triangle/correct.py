rows = int(input("How many rows? "))
for i in range(1, rows + 1):
    print(" " * (rows - i) + "*" * i)
