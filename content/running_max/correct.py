count = 0
highest = 0
position = 0

entry = input("Temperature (or 'stop'): ").strip().lower()
while entry != "stop":
    temperature = int(entry)
    count += 1
    # The first reading is always the highest so far
    if count == 1 or temperature > highest:
        highest = temperature
        position = count
    entry = input("Temperature (or 'stop'): ").strip().lower()

if count == 0:
    print("No readings were entered.")
else:
    print(f"Number of readings: {count}")
    print(f"Highest reading: {highest}")
    print("It first appeared at reading number " + str(position) + ".")
