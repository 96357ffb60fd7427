def middle(items):
    if len(items) == 0:
        return None
    half = len(items) // 2
    if len(items) % 2 == 1:
        return items[half]
    return (items[half - 1] + items[half]) / 2
