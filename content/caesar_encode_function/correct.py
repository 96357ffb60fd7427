def encode(text, shift):
    result = ""
    for ch in text:
        if "a" <= ch <= "z":
            position = ord(ch) - ord("a")
            position = (position + shift) % 26
            result += chr(ord("a") + position)
        else:
            result += ch
    return result
