def word_frequencies(text):
    counts = {}
    for word in text.split():
        word = word.lower()
        word = word.rstrip(".,!")
        if word in counts:
            counts[word] += 1
        else:
            counts[word] = 1
    return counts
