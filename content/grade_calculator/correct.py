def average(score1, score2, score3):
    return (score1 + score2 + score3) / 3


def letter_grade(score):
    """Turn an average score (0-100) into a letter grade."""
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


name = input("Student name: ").strip()
test1 = float(input("Score on test 1: "))
test2 = float(input("Score on test 2: "))
test3 = float(input("Score on test 3: "))

mean = average(test1, test2, test3)
grade = letter_grade(mean)
print(f"{name} has an average of {mean:.1f}")
print("Grade: " + grade)

# Show how far the student is from passing, or that they passed
if grade == "F":
    missing = 60 - mean
    print(name, "needs", round(missing, 1), "more points on average to pass.")
else:
    print(name, "has passed the course.")
