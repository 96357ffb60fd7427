def strength(password):
    if len(password) < 8:
        return "weak"
    has_lower = False
    has_upper = False
    has_digit = False
    for ch in password:
        if ch.islower():
            has_lower = True
        elif ch.isupper():
            has_upper = True
        elif ch.isdigit():
            has_digit = True
    kinds = 0
    for present in [has_lower, has_upper, has_digit]:
        if present:
            kinds += 1
    if kinds == 3:
        return "strong"
    elif kinds == 2:
        return "medium"
    return "weak"
