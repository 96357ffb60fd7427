import math

radius = float(input("Radius of the circle: "))
area = math.pi * radius ** 2
circumference = 2 * math.pi * radius
print("Area:", round(area, 2))
print(f"Circumference: {circumference:.2f}")
