def valid_code(code):
    if len(code) != 7 or code[2] != "-":
        return False
    # positions 0 and 1 hold the letters
    for i in range(2):
        if code[i] < "A" or code[i] > "Z":
            return False
    # positions 3 to 6 hold the digits
    for i in range(3, 7):
        if code[i] < "0" or code[i] > "9":
            return False
    return True


def read_code(text):
    code = text.strip().upper()
    if valid_code(code):
        return code
    return ""
