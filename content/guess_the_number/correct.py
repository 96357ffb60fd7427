import random

LOWEST = 1
HIGHEST = 20


def give_hint(guess, secret):
    """Return a hint that tells the player how the guess compares."""
    if guess < secret:
        return "Too low!"
    elif guess > secret:
        return "Too high!"
    else:
        return "Correct!"


secret = random.randint(LOWEST, HIGHEST)
print(f"I am thinking of a number from {LOWEST} to {HIGHEST}.")

guesses = 0
guess = 0
# Keep asking until the player finds the secret number
while guess != secret:
    guess = int(input("Your guess: "))
    guesses += 1
    print(give_hint(guess, secret))

print("You found it in", guesses, "guesses.")
