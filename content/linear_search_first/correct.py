def find_first(items, target):
    position = -1
    index = 0
    while index < len(items) and position == -1:
        if items[index] == target:
            position = index
        index += 1
    return position


names = ["Ada", "Grace", "Alan", "Grace"]
print("Grace is at index", find_first(names, "Grace"))
print("Linus is at index", find_first(names, "Linus"))
