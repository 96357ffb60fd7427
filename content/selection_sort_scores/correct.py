import random


def sort_by_score(results):
    """Sort the (name, score) tuples in place, highest score first."""
    for i in range(len(results) - 1):
        # Find the best score among the results not yet in place
        best = i
        for j in range(i + 1, len(results)):
            if results[j][1] > results[best][1]:
                best = j
        # Swap it into position i
        results[i], results[best] = results[best], results[i]
    return results


quiz = [("Ann", 12), ("Ben", 30), ("Cy", 21), ("Dee", 17)]
random.shuffle(quiz)
print(quiz)
print(sort_by_score(quiz))
