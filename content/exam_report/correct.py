def letter_grade(score):
    if score >= 90:
        return "A"
    elif score >= 75:
        return "B"
    elif score >= 55:
        return "C"
    else:
        return "F"


def average(numbers):
    total = 0
    for number in numbers:
        total += number
    return total / len(numbers)


results = {}
count = int(input("How many students? "))
for i in range(1, count + 1):
    name = input(f"Name of student {i}: ").strip()
    score = int(input(f"Score of {name}: "))
    if score < 0 or score > 100:
        print("Invalid score, it is counted as 0.")
        score = 0
    results[name] = score

if count == 0:
    print("No students, so there is no report.")
else:
    print("--- Exam report ---")
    passed = 0
    for name in results:
        grade = letter_grade(results[name])
        print(name, results[name], grade, sep="\t")
        if grade != "F":
            passed += 1
    scores = list(results.values())
    print("Average score:", round(average(scores), 1))
    print(f"Passed: {passed} of {len(results)}")
    print("Highest score:", max(scores))
