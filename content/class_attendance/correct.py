def attendance(register):
    percentages = {}
    for name, lessons in register.items():
        if len(lessons) == 0:
            percentages[name] = 0
        else:
            present = 0
            for here in lessons:
                if here:
                    present += 1
            percentages[name] = round(100 * present / len(lessons))
    return percentages


def absent_students(register, limit):
    low = []
    for name, percent in attendance(register).items():
        if percent < limit:
            low.append(name)
    return low
