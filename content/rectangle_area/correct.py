# Read the size of the rectangle in metres
width = float(input("Width in metres: "))
height = float(input("Height in metres: "))
area = width * height
perimeter = 2 * (width + height)
print("Area:", round(area, 2), "square metres")
print(f"Perimeter: {perimeter:.2f} metres")
