sizes = ["small", "large"]
toppings = ["cheese", "ham", "olives", "mushrooms"]
TOPPING_PRICE = 1
DELIVERY_PRICE = 3

print("Sizes: " + ", ".join(sizes))
print("Toppings: " + ", ".join(toppings))

size = input("Which size? ").strip().lower()
if size not in sizes:
    print("We do not make a " + size + " pizza, so you get a small one.")
    size = "small"
if size == "large":
    total = 12
else:
    total = 9

count = int(input("How many toppings? "))
chosen = []
for i in range(count):
    order = input(f"Topping {i + 1}: ")
    order = order.strip().lower()
    # only toppings from the menu can be added
    if order in toppings:
        chosen.append(order)
        total += TOPPING_PRICE
    else:
        print("Sorry, we have no " + order + ".")

delivery = input("Deliver to your home? (y/n) ")
if delivery == "y" or delivery == "Y":
    total += DELIVERY_PRICE
    print("Delivery costs " + str(DELIVERY_PRICE) + " euro.")

print("Your " + size + " pizza has " + str(len(chosen)) + " topping(s).")
print("Total to pay: " + str(total) + " euro")
