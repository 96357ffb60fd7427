def class_average(marks):
    if len(marks) == 0:
        return None
    total = 0
    for name in marks:
        total += marks[name]
    return round(total / len(marks), 1)


def above_average(marks):
    average = class_average(marks)
    names = []
    for name in marks:
        if marks[name] > average:
            names.append(name)
    return names


def top_pupil(marks):
    best = ""
    best_mark = -1
    for name in marks:
        if marks[name] > best_mark:
            best_mark = marks[name]
            best = name
    return best
