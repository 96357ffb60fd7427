def letter(score):
    if score >= 90:
        return "A"
    elif score >= 80:
        return "B"
    elif score >= 70:
        return "C"
    elif score >= 60:
        return "D"
    else:
        return "F"


def letters(scores):
    grades = []
    for score in scores:
        grades.append(letter(score))
    return grades


print("Grades:", letters([95, 72, 40]))
