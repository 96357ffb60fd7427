def missed_positions(register):
    """Return the register numbers (from 1) of the students marked A or L."""
    numbers = []
    for number in range(1, len(register) + 1):
        # Register number 1 is stored at index 0
        mark = register[number - 1]
        if mark == "A" or mark == "L":
            numbers.append(number)
    return numbers
