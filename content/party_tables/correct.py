import math

guests = int(input("Guests: "))
diameter = float(input("Table diameter in cm: "))

# Every guest needs 60 cm of the table's edge
seats = math.floor(math.pi * diameter / 60)
if guests < 1 or seats < 2:
    print("Nothing to plan.")
else:
    tables = math.ceil(guests / seats)
    print("Seats per table:", seats)
    print("Tables:", tables)
    print("Empty seats:", tables * seats - guests)
