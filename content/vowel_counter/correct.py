# Count the vowels in a line of text
text = input("Enter some text: ")
vowels = 0
for letter in text.lower():
    if letter in "aeiou":
        vowels += 1
print("Vowels:", vowels)
print("Other characters:", len(text) - vowels)
