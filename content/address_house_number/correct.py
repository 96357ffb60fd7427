def first_digit(text):
    for i in range(len(text)):
        if text[i] >= "0" and text[i] <= "9":
            return i
    return -1


def house_number(address):
    start = first_digit(address)
    if start == -1:
        return ""
    return address[start:]


def street_name(address):
    start = first_digit(address)
    if start == -1:
        return address.strip()
    return address[:start].strip()
