def flatten(nested):
    flat = []
    for inner in nested:
        for value in inner:
            flat.append(value)
    return flat


def total_length(nested):
    return len(flatten(nested))
