def make_acronym(phrase):
    """Return the upper-case first letters of the important words."""
    small_words = ["and", "of", "the", "for", "in"]
    acronym = ""
    for word in phrase.split():
        if word.lower() not in small_words:
            acronym += word[0].upper()
    return acronym


phrase = input("Enter a phrase: ")
result = make_acronym(phrase)
print("Acronym:", result)
print("Letters:", len(result))
