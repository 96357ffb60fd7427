def top_names(results, k):
    """Return the names of the k best (name, score) results, best first."""
    left = list(results)
    names = []
    # Choose the winner of each place from 1 to k
    for place in range(1, k + 1):
        # Stop early when nobody is left to choose
        if len(left) == 0:
            break
        # Find the position of the best score that is left
        best = 0
        for i in range(1, len(left)):
            if left[i][1] > left[best][1]:
                best = i
        names.append(left[best][0])
        left.pop(best)
    return names
