n = int(input("Enter a whole number: "))

# Add up 1 + 2 + ... + n
total = 0
for i in range(1, n + 1):
    total += i
print("The sum of 1 to " + str(n) + " is " + str(total))
