limit = int(input("Count up to: "))
divisor = int(input("Multiples of: "))

count = 0
for number in range(1, limit + 1):
    if number % divisor == 0:
        count += 1
print("There are", count, "multiples of", divisor, "from 1 to", limit)
