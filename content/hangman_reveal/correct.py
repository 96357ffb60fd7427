# Reveal the letters of a secret word as they are guessed, like in hangman
MAX_MISSES = 5
misses = 0


def check_guess(secret, shown, guess):
    """Reveal every position that holds the guess, or count one more miss."""
    global misses
    if guess in secret:
        for i in range(len(secret)):
            if secret[i] == guess:
                shown[i] = guess
    else:
        misses += 1
        print("No", guess, "- misses:", misses)


secret = input("Secret word: ").strip().lower()
shown = list("_" * len(secret))
while "_" in shown and misses < MAX_MISSES:
    guess = input("Guess a letter: ").strip().lower()
    check_guess(secret, shown, guess)
    print(" ".join(shown))

if "_" in shown:
    print("Out of guesses! The word was", secret)
else:
    print("You found", secret, "with", misses, "misses.")
