import string


def username_problem(name):
    # the first rule the name breaks, or "" when it keeps every rule
    length = len(name)
    if length < 3 or length > 12:
        return "length"
    if name[0] not in string.ascii_letters:
        return "first"
    for i in range(1, len(name)):
        ch = name[i]
        if not ch.isalnum() and ch != "_":
            return "character"
    return ""


def valid_names(names):
    valid = []
    for name in names:
        if username_problem(name) == "":
            valid.append(name)
    return valid
