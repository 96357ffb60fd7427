import math

radius = float(input("Radius: "))
area = math.pi * radius ** 2
print("Area:", round(area, 2))
