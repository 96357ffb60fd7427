# Show the length of every word and find the longest one
sentence = input("Enter a sentence: ")
longest = ""
for word in sentence.split():
    print(word, len(word))
    if len(word) > len(longest):
        longest = word
print("Longest word:", longest)
