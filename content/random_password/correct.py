import random

LETTERS = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"
DIGITS = "23456789"


def make_password(length, digit_count):
    characters = []
    for i in range(length - digit_count):
        characters.append(random.choice(LETTERS))
    for i in range(digit_count):
        characters.append(random.choice(DIGITS))
    # mix the letters and digits so the digits are not all at the end
    random.shuffle(characters)
    return "".join(characters)


length = int(input("Length of the password: "))
digits = int(input("How many digits should it contain? "))
if digits > length:
    print("That is too many digits, using", length, "instead.")
    digits = length

password = make_password(length, digits)
print("Your new password: " + password)
if length < 8:
    print("Warning: a password shorter than 8 characters is weak.")
elif length >= 12:
    print("That is a strong length.")
else:
    print("That length is acceptable.")
