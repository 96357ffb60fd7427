def missing_tasks(handed_in, last):
    missing = []
    for number in range(1, last + 1):
        if number not in handed_in:
            missing.append(number)
    return missing


def to_remind(homework, last):
    names = []
    for name in homework:
        if len(missing_tasks(homework[name], last)) > 0:
            names.append(name)
    return sorted(names)


def most_missed(homework, last):
    worst = ""
    most = 0
    for name in homework:
        count = len(missing_tasks(homework[name], last))
        if count > most:
            most = count
            worst = name
    return worst
