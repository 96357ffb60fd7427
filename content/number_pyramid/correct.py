height = int(input("Height of the pyramid (1-9): "))

if height < 1 or height > 9:
    print("Please choose a height from 1 to 9.")
else:
    for row in range(1, height + 1):
        line = " " * (height - row)
        # Count up to the middle of the row...
        for number in range(1, row + 1):
            line += str(number)
        # ...and back down again
        for number in range(row - 1, 0, -1):
            line += str(number)
        print(line)
