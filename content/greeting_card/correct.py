# Ask for the details of the birthday card
name = input("Who is the card for? ")
age = int(input("How old are they turning? "))
sender = input("Who is it from? ")
print("*** " + name.strip().upper() + " ***")
print(f"Congratulations on turning {age}!")
print("Next year you will be " + str(age + 1) + ".")
print("Best wishes from", sender.strip())
