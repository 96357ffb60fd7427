seconds = int(input("Count down from: "))

# Print every number from the start value down to 1
while seconds > 0:
    print(seconds)
    seconds -= 1
print("Liftoff!")
