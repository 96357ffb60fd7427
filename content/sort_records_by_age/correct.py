def sort_by_age(records):
    ordered = []
    for record in records:
        position = len(ordered)
        while position > 0 and ordered[position - 1][1] > record[1]:
            position -= 1
        ordered.insert(position, record)
    return ordered


group = [("Mia", 19), ("Leo", 17), ("Ava", 18)]
for name, age in sort_by_age(group):
    print(f"{name} ({age})")
