def class_average(marks):
    if len(marks) == 0:
        return None
    total = 0
    for name in marks:
        total += marks[name]
    return round(total / len(marks), 1)


def above_average(marks):
    average = class_average(marks)
    if average is None:
        return []
    names = []
    for name in marks:
        if marks[name] > average:
            names.append(name)
    return names


def top_pupil(marks):
    best = ""
    for name in marks:
        # the first pupil is the best so far; after that only a higher mark wins
        if best == "" or marks[name] > marks[best]:
            best = name
    return best
