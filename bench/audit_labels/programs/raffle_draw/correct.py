tickets = [4, 8, 15, 16, 23, 42]
tickets.remove(8)
tickets.remove(23)
print("Still in the draw:", tickets)
print("Tickets left:", len(tickets))
