def find_first(items, target):
    index = 0
    while index < len(items):
        if items[index] == target:
            return index
        index += 1
    return -1


names = ["Ada", "Grace", "Alan", "Grace"]
print("Grace is at index", find_first(names, "Grace"))
print("Linus is at index", find_first(names, "Linus"))
