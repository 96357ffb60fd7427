number = int(input("Number: "))
result = number * 3
print("Three times", number, "is", result)
