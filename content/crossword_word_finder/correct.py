import string


def words_of(sentence):
    words = []
    for word in sentence.split():
        word = word.strip(string.punctuation).lower()
        if word != "":
            words.append(word)
    return words


def longest_that_fits(sentence, squares):
    best = ""
    for word in words_of(sentence):
        if len(word) <= squares and len(word) > len(best):
            best = word
    return best


def shortest_word(sentence):
    words = words_of(sentence)
    if len(words) == 0:
        return ""
    shortest = words[0]
    for word in words:
        if len(word) < len(shortest):
            shortest = word
    return shortest
