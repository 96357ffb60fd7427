def shift_letter(letter, shift):
    """Move one lower-case letter through the alphabet, wrapping round."""
    alphabet = "abcdefghijklmnopqrstuvwxyz"
    position = alphabet.index(letter)
    new_position = (position + shift) % 26
    return alphabet[new_position]


def encrypt(message, shift):
    """Shift every letter of message; other characters stay the same."""
    result = ""
    for ch in message:
        if ch.islower():
            result += shift_letter(ch, shift)
        elif ch.isupper():
            result += shift_letter(ch.lower(), shift).upper()
        else:
            result += ch
    return result


message = input("Message: ")
shift = int(input("Shift: "))
secret = encrypt(message, shift)
print("Encrypted:", secret)
print("Decrypted:", encrypt(secret, -shift))
