def top_k(lst, k):
    remaining = list(lst)
    result = []
    while len(result) < k and len(remaining) > 0:
        largest = remaining[0]
        for number in remaining:
            if number > largest:
                largest = number
        result.append(largest)
        remaining.remove(largest)
    return result
