def letter_counts(text):
    vowels = 0
    consonants = 0
    for ch in text.lower():
        if ch in "aeiou":
            vowels += 1
        elif ch.isalpha():
            consonants += 1
    return vowels, consonants
