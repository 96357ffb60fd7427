def capitalise(sentence):
    words = sentence.split(" ")
    fixed = []
    for word in words:
        if len(word) > 0:
            word = word[0].upper() + word[1:].lower()
        fixed.append(word)
    return " ".join(fixed)


print(capitalise("the QUICK brown fox"))
