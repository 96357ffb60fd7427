def fizz_buzz_word(number):
    """Return the FizzBuzz word for one number."""
    if number % 3 == 0 and number % 5 == 0:
        return "FizzBuzz"
    elif number % 3 == 0:
        return "Fizz"
    elif number % 5 == 0:
        return "Buzz"
    else:
        return str(number)


last = int(input("Play FizzBuzz up to: "))
for i in range(1, last + 1):
    print(fizz_buzz_word(i))
