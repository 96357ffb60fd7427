import math

a = float(input("Length of side a: "))
b = float(input("Length of side b: "))
c = math.sqrt(a ** 2 + b ** 2)
print("The hypotenuse is", round(c, 3))
