def factorial(n):
    """Return n! computed with a loop."""
    result = 1
    for i in range(2, n + 1):
        result *= i
    return result


number = int(input("Enter a whole number: "))
if number < 0:
    print("The factorial of a negative number is not defined.")
else:
    print(f"{number}! = {factorial(number)}")
