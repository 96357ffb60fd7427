number = int(input("Which times table? "))
for i in range(1, 11):
    print(i, "x", number, "=", i * number)
