def restock(stock, item, amount):
    if item not in stock:
        return -1
    stock[item] += amount
    return stock[item]


def most_stocked(stock):
    if not stock:
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
