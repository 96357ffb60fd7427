# Reveal the letters of a secret word as they are guessed, like in hangman
MAX_MISSES = 5

secret = input("Secret word: ").strip().lower()
shown = list("_" * len(secret))
misses = 0
while "_" in shown and misses < MAX_MISSES:
    guess = input("Guess a letter: ").strip().lower()
    if guess in secret:
        for i in range(len(secret)):
            if secret[i] == guess:
                shown[i] = guess
    else:
        misses += 1
        print("No", guess, "- misses:", misses)
    print(" ".join(shown))

if "_" in shown:
    print("Out of guesses! The word was", secret)
else:
    print("You found", secret, "with", misses, "misses.")
