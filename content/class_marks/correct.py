def letter_grade(mark):
    """Return the letter grade for a mark out of 100."""
    if mark >= 80:
        return "A"
    elif mark >= 65:
        return "B"
    elif mark >= 50:
        return "C"
    else:
        return "F"


def average(marks):
    """Return the mean of a non-empty list of marks."""
    total = 0
    for mark in marks:
        total += mark
    return total / len(marks)


# Read marks until a negative number is typed
marks = []
mark = int(input("Enter a mark (negative to stop): "))
while mark >= 0:
    marks.append(mark)
    mark = int(input("Enter a mark (negative to stop): "))

if len(marks) == 0:
    print("No marks were entered.")
else:
    passed = 0
    for mark in marks:
        print(mark, "->", letter_grade(mark))
        if mark >= 50:
            passed += 1
    print(f"Average: {average(marks):.2f}")
    print("Highest:", max(marks))
    print("Lowest:", min(marks))
    print(passed, "of", len(marks), "students passed")
