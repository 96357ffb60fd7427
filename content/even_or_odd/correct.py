number = int(input("Enter a whole number: "))
# A number is even when dividing by 2 leaves no remainder
if number % 2 == 0:
    print(number, "is even")
else:
    print(number, "is odd")
