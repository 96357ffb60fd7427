import random

name = input("Your name: ")
name = name.title()
word = input("Secret word: ")
word = word.strip().lower()

if len(word) < 3:
    print("Sorry " + name + ", that word is too short to scramble.")
else:
    letters = list(word)
    # swap two random positions, once for every letter
    for turn in range(len(letters)):
        a = random.randint(0, len(letters) - 1)
        b = random.randint(0, len(letters) - 1)
        temp = letters[a]
        letters[a] = letters[b]
        letters[b] = temp
    scrambled = "".join(letters)
    print(name + ", unscramble this word:", scrambled)
    guess = input("Your guess: ").strip().lower()

    if guess != word:
        # hint: put the real first letter at the front, then one more try
        hint = list(scrambled)
        position = hint.index(word[0])
        hint[position] = hint[0]
        hint[0] = word[0]
        print("Hint:", "".join(hint))
        guess = input("Second guess: ").strip().lower()

    if guess == word:
        print("Well done, " + name + "!")
    else:
        print("Not quite, " + name + ". The word was " + word + ".")
