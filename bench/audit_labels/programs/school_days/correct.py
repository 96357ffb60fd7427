days = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
number = int(input("Day number (1-5): "))
print("That is", days[number - 1])
