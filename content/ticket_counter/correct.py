issued = 0


def next_ticket():
    global issued
    issued += 1
    return "T-" + str(issued)


def reset():
    global issued
    issued = 0


print("First ticket:", next_ticket())
print("Second ticket:", next_ticket())
