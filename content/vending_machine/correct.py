def make_change(amount):
    # split an amount in cents into coins, largest coins first
    change = {}
    for coin in [200, 100, 50, 20, 10, 5]:
        if amount >= coin:
            change[coin] = amount // coin
            amount = amount % coin
    return change


prices = {"cola": 150, "water": 95, "chips": 120, "candy": 65}
accepted = [5, 10, 20, 50, 100, 200]

print("Products:")
for product in prices:
    print(f"  {product}: {prices[product] / 100:.2f} euro")

choice = input("What would you like? ").strip().lower()
if choice not in prices:
    print("Sorry, we do not sell", choice)
else:
    price = prices[choice]
    paid = 0
    while paid < price:
        coin = int(input(f"Still to pay: {price - paid} cents. Insert a coin: "))
        if coin in accepted:
            paid += coin
        else:
            print("This machine does not accept", coin, "cent coins.")
    print("Here is your " + choice + "!")
    change = make_change(paid - price)
    if len(change) == 0:
        print("No change.")
    for coin in change:
        print(change[coin], "x", coin, "cents")
