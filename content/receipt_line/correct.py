def receipt_line(item, quantity, price):
    cost = quantity * price
    return item + " x" + str(quantity) + ": " + format(cost, ".2f")


def receipt_total(lines):
    total = 0
    for item, quantity, price in lines:
        total += quantity * price
    return round(total, 2)


print(receipt_line("apples", 3, 0.5))
