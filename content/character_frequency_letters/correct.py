# Count how often each letter appears in a piece of text
text = input("Enter some text: ")
counts = {}
for ch in text.lower():
    if ch.isalpha():
        if ch in counts:
            counts[ch] += 1
        else:
            counts[ch] = 1

if len(counts) == 0:
    print("There are no letters in that text.")
else:
    most_common = ""
    highest = 0
    for letter in sorted(counts):
        print(letter + ":", "*" * counts[letter], counts[letter])
        if counts[letter] > highest:
            most_common = letter
            highest = counts[letter]
    print("Most common letter:", most_common, "appears", highest, "times")
