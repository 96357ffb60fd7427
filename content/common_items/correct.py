def common(a, b):
    shared = []
    for item in a:
        if item in b and item not in shared:
            shared.append(item)
    return shared
