def mask(word, guessed):
    shown = list("_" * len(word))
    for i in range(len(word)):
        if word[i] in guessed:
            shown[i] = word[i]
    return " ".join(shown)
