# Print the words of a sentence in reverse order
sentence = input("Enter a sentence: ")
words = sentence.strip().split()
backwards = words[::-1]
print("Reversed:", " ".join(backwards))
print("Number of words:", len(words))
