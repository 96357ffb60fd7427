# Read three numbers and find the largest one
a = float(input("First number: "))
b = float(input("Second number: "))
c = float(input("Third number: "))
# When numbers are equal, the first of them counts
if a >= b and a >= c:
    largest = a
    position = 1
elif b >= c:
    largest = b
    position = 2
else:
    largest = c
    position = 3
print("The largest number is", largest)
print(f"It was entered as number {position}.")
