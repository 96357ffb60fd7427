multipliers = [1, 2, 3, 4, 5]
n = int(input("Table of: "))
for m in multipliers:
    print(n, "x", m, "=", n * m)
