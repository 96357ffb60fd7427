def is_prime(number):
    # numbers below 2 are never prime
    if number < 2:
        return False
    divisor = 2
    # a divisor larger than the square root always has a smaller partner
    while divisor * divisor <= number:
        if number % divisor == 0:
            return False
        divisor += 1
    return True


n = int(input("Which number should be checked? "))
if is_prime(n):
    print(n, "is a prime number.")
else:
    print(n, "is not a prime number.")

# collect all primes from 2 up to and including n
primes = []
for i in range(2, n + 1):
    if is_prime(i):
        primes.append(i)
print("Number of primes up to " + str(n) + ": " + str(len(primes)))
if len(primes) > 0:
    print("The largest of them is", primes[len(primes) - 1])
