def best_pair(prices, budget):
    """Return the positions of the two items that use most of the budget, or None."""
    best = None
    best_total = 0
    for i in range(len(prices)):
        for j in range(i + 1, len(prices)):
            total = prices[i] + prices[j]
            # Keep the pair only if it fits the card and beats the best so far
            if total <= budget and total > best_total:
                best = (i, j)
                best_total = total
    return best
