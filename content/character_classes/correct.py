def count_classes(text):
    # [capitals, small letters, digits, other characters]
    capitals = 0
    small = 0
    digits = 0
    others = 0
    for i in range(len(text)):
        ch = text[i]
        if ch >= "A" and ch <= "Z":
            capitals += 1
        elif ch >= "a" and ch <= "z":
            small += 1
        elif ch >= "0" and ch <= "9":
            digits += 1
        else:
            others += 1
    return [capitals, small, digits, others]


def is_shouting(text):
    counts = count_classes(text)
    return counts[0] >= 3 and counts[0] > counts[1]
