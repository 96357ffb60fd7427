def valid_code(code):
    if len(code) != 7 or code[2] != "-":
        return False
    # positions 0 and 1 hold the letters
    for i in range(2):
        if code[i] < "A" or code[i] > "Z":
            return False
    # the positions after the dash hold the digits
    for i in range(3, len(code)):
        if code[i] < "0" or code[i] > "9":
            return False
    return True


def read_code(text):
    code = text.strip().upper()
    if valid_code(code):
        return code
    return ""
