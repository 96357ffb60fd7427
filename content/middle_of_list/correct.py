def middle(items):
    if len(items) == 0:
        return None
    half = len(items) // 2
    if len(items) % 2 == 1:
        return items[half]
    average = (items[half - 1] + items[half]) / 2
    return average
