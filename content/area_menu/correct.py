import math


def rectangle_area(width, height):
    return width * height


def triangle_area(base, height):
    return base * height / 2


def circle_area(radius):
    return math.pi * radius ** 2


count = 0
total = 0.0
choice = input("Shape (1 = rectangle, 2 = triangle, 3 = circle, 0 = stop): ")
while choice != "0":
    valid = True
    if choice == "1":
        width = float(input("Width: "))
        height = float(input("Height: "))
        area = rectangle_area(width, height)
    elif choice == "2":
        base = float(input("Base: "))
        height = float(input("Height: "))
        area = triangle_area(base, height)
    elif choice == "3":
        radius = float(input("Radius: "))
        area = circle_area(radius)
    else:
        print("Please choose 0, 1, 2 or 3.")
        valid = False
    if valid:
        count += 1
        total += area
        print("The area is", round(area, 2))
    choice = input("Shape (1 = rectangle, 2 = triangle, 3 = circle, 0 = stop): ")

print("Areas calculated:", count)
if count > 0:
    print(f"Average area: {total / count:.2f}")
