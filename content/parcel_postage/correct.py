import math


def postage(weight, express):
    """Return the postage in euros for a parcel of the given weight in kg."""
    if weight <= 2:
        cost = 4.50
    elif weight <= 10:
        cost = 7.25
    else:
        # Every started kilogram above 10 kg costs 0.80 extra
        extra_kg = math.ceil(weight - 10)
        cost = 7.25 + extra_kg * 0.80
    if express:
        cost += 5
    return cost


weight = float(input("Weight of the parcel in kg: "))
if weight <= 0 or weight > 30:
    print("This parcel cannot be sent.")
else:
    answer = input("Express delivery (y/n)? ").strip().lower()
    express = answer == "y"
    cost = postage(weight, express)
    if express:
        print("Express delivery: the parcel arrives tomorrow.")
    else:
        print("Standard delivery: the parcel arrives within 3 days.")
    print(f"Postage for {weight} kg: {cost:.2f} euros")
