# Read words until a blank line is entered
words = []
word = input("Word (blank to finish): ")
while word != "":
    words.append(word.strip().lower())
    word = input("Word (blank to finish): ")

# Keep only the first copy of every word
unique = []
for w in words:
    if w not in unique:
        unique.append(w)

print("You entered", len(words), "words.")
print("Unique words:", ", ".join(unique))
print("Duplicates removed:", len(words) - len(unique))
