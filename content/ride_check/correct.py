# Decide whether a visitor may go on the big ride
height = int(input("Height in cm: "))
age = int(input("Age: "))
adult = input("With an adult? (y/n) ").strip().lower()

if height < 120:
    print("Sorry, you are not tall enough.")
elif age >= 8 or adult == "y":
    print("You can ride.")
else:
    print("Sorry, you need an adult with you.")
if age < 5 or height < 100:
    print("Try the small carousel instead.")
