def clean_word(word):
    # remove punctuation at both ends and ignore capitals
    return word.strip(".,!?;:").lower()


def count_words(text):
    counts = {}
    for word in text.split():
        word = clean_word(word)
        if word == "":
            continue
        if word in counts:
            counts[word] += 1
        else:
            counts[word] = 1
    return counts


sentence = input("Type a sentence: ")
counts = count_words(sentence)
print("Different words:", len(counts))

most_common = ""
for word in counts:
    print(f"{word}: {counts[word]}")
    if most_common == "" or counts[word] > counts[most_common]:
        most_common = word

if most_common == "":
    print("No words found.")
else:
    print("Most common word: " + most_common + " (" + str(counts[most_common]) + " times)")
