prices = [2.5, 1.2, 3.0, 0.8]
total = sum(prices)
print("Items:", len(prices))
print("Total in pounds:", total)
