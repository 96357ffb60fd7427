def plural(noun):
    if len(noun) == 0:
        return ""
    last = noun[-1]
    if last == "s" or last == "x":
        return noun + "es"
    if noun.endswith("ch") or noun.endswith("sh"):
        return noun + "es"
    # "city" becomes "cities", but "day" just gets an s
    if last == "y" and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def count_phrase(count, noun):
    if count == 1:
        return "1 " + noun
    if count == 0:
        return "no " + plural(noun)
    return str(count) + " " + plural(noun)
