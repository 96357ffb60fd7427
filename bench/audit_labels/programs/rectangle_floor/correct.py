width = float(input("Width: "))
length = float(input("Length: "))
area = width * length
print("Floor area:", area, "square metres")
