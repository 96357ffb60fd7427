def ticket_price(age, is_student):
    """Return the price in euros of one cinema ticket."""
    if age < 12:
        return 6.50
    elif age >= 65 or is_student:
        return 8.00
    else:
        return 11.50


age = int(input("Age of the visitors: "))
answer = input("Are they students (yes/no)? ")
is_student = answer.strip().lower() == "yes"
tickets = int(input("Number of tickets: "))

price = ticket_price(age, is_student)
total = price * tickets
# Groups of five or more get 10% off the whole order
if tickets >= 5:
    total = total * 0.9
    print("Group discount applied.")
print(f"Price per ticket: {price:.2f} euros")
print(f"Total to pay: {total:.2f} euros")
