# Prices in euros of the products the shop sells
prices = {"bread": 2.50, "milk": 1.25, "apples": 3.00, "cheese": 5.00}

count = int(input("How many different products? "))
total = 0.0
for i in range(1, count + 1):
    product = input("Product " + str(i) + ": ").strip().lower()
    if product in prices:
        quantity = int(input("Quantity: "))
        line_cost = prices[product] * quantity
        total += line_cost
        print(f"  {quantity} x {product} = {line_cost:.2f}")
    else:
        print("  Sorry, we do not sell " + product + ".")

# Orders of 20 euros or more get a 10% discount
if total >= 20:
    discount = total * 0.10
    print(f"Discount: {discount:.2f}")
    total -= discount
elif total == 0:
    print("Nothing was bought.")
print(f"Amount to pay: {total:.2f}")
