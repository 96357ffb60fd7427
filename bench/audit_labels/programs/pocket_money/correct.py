weekly = 5
weeks = int(input("Weeks: "))
saved = weekly * weeks
ticket = 12
print("Saved:", saved)
print("Left after the cinema:", saved - ticket)
