pizzas = int(input("Pizzas: "))
people = int(input("People: "))
slices = pizzas * 8
each = slices // people
print("Slices each:", each)
print("Slices left:", slices - each * people)
