LOW_LIMIT = 5


def sell(stock, item, amount):
    # sell as many as possible and return how many were really sold
    if amount > stock[item]:
        print("Only", stock[item], item, "left in stock.")
        amount = stock[item]
    stock[item] -= amount
    return amount


stock = {"pens": 40, "notebooks": 12, "rulers": 6, "erasers": 9}
prices = {"pens": 0.75, "notebooks": 2.5, "rulers": 1.2, "erasers": 0.4}
revenue = 0.0

orders = int(input("Number of orders: "))
for i in range(1, orders + 1):
    item = input(f"Order {i}, item: ").strip().lower()
    if item in stock:
        amount = int(input("Amount: "))
        sold = sell(stock, item, amount)
        revenue += sold * prices[item]
        print(f"Sold {sold} {item} for {sold * prices[item]:.2f} euro")
    else:
        print("We do not sell", item)

print(f"Revenue: {revenue:.2f} euro")
print("Stock left:")
for item in stock:
    if stock[item] == 0:
        print("  " + item + ": SOLD OUT")
    elif stock[item] <= LOW_LIMIT:
        print("  " + item + ": " + str(stock[item]) + " (order more!)")
    else:
        print("  " + item + ": " + str(stock[item]))
