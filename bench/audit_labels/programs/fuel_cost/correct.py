PRICE = 1.8
TANK = 50.0
litres = float(input("Litres used: "))
cost = litres * PRICE
print("Cost:", round(cost, 2))
if litres > TANK:
    print("More than one tank!")
