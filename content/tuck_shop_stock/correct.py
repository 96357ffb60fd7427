def restock(stock, item, amount):
    if item in stock:
        stock[item] += amount
        return stock[item]
    return -1


def most_stocked(stock):
    if len(stock) == 0:
        return ""
    names = list(stock)
    best = names[0]
    for item in names:
        if stock[item] > stock[best]:
            best = item
    return best


def sold_out(stock):
    empty = []
    for item in stock:
        if stock[item] == 0:
            empty.append(item)
    return sorted(empty)
