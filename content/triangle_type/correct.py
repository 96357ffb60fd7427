import math


def is_valid_triangle(a, b, c):
    # Each side must be shorter than the other two together
    return a + b > c and a + c > b and b + c > a


def triangle_type(a, b, c):
    if a == b and b == c:
        return "equilateral"
    elif a == b or b == c or a == c:
        return "isosceles"
    else:
        return "scalene"


def is_right_angled(a, b, c):
    sides = sorted([a, b, c])
    return sides[0] ** 2 + sides[1] ** 2 == sides[2] ** 2


side1 = int(input("Length of side 1: "))
side2 = int(input("Length of side 2: "))
side3 = int(input("Length of side 3: "))

if side1 <= 0 or side2 <= 0 or side3 <= 0:
    print("All sides must be longer than 0.")
elif not is_valid_triangle(side1, side2, side3):
    print("These sides cannot form a triangle.")
else:
    print("Type of triangle:", triangle_type(side1, side2, side3))
    if is_right_angled(side1, side2, side3):
        print("The triangle has a right angle.")
    perimeter = side1 + side2 + side3
    # Heron's formula uses half of the perimeter
    s = perimeter / 2
    area = math.sqrt(s * (s - side1) * (s - side2) * (s - side3))
    print("Perimeter:", perimeter)
    print(f"Area: {area:.2f}")
