def gcd(a, b):
    # Euclid's algorithm: replace (a, b) by (b, a % b) until b becomes 0
    while b != 0:
        a, b = b, a % b
    return a


first = int(input("First number: "))
second = int(input("Second number: "))
divisor = gcd(first, second)
multiple = first * second // divisor
print("Greatest common divisor:", divisor)
print("Least common multiple:", multiple)
if divisor == 1:
    print("The numbers are coprime.")
else:
    print(f"Both numbers are divisible by {divisor}.")
