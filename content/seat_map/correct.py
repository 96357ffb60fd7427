# "O" is a free seat, "X" a booked one
row = list("OOOOO")
booked = 0

print("Seats: " + "".join(row))
number = int(input("Seat to book (1-5, 0 to stop): "))
while number != 0:
    if 1 <= number <= len(row):
        seat = number - 1
        if row[seat] == "X":
            print("Seat", number, "is already booked.")
        else:
            row[seat] = "X"
            booked += 1
            print("Seat", number, "is yours.")
    else:
        print("There is no seat", number)
    print("Seats: " + "".join(row))
    number = int(input("Seat to book (1-5, 0 to stop): "))

print("Final row: " + "".join(row))
print("Seats booked:", booked)
# the middle seat has the best view of the screen
if row[len(row) // 2] == "X":
    print("The middle seat is taken.")
else:
    print("The middle seat is still free.")
print("Last seat:", row[len(row) - 1])
