start = int(input("Count down from: "))
while start > 0:
    print(start)
    start -= 1
print("Lift off!")
