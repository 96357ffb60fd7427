WEEK_FINE = 0.50
DAY_FINE = 0.20

fines_total = 0.0


def add_fine(amount):
    # add the fine of one book to the total of this visit
    global fines_total
    fines_total += amount


books = int(input("How many books are you returning? "))
for book in range(1, books + 1):
    days = int(input(f"Days late for book {book}: "))
    if days <= 0:
        print(f"Book {book} is on time, no fine.")
    else:
        weeks = days // 7
        extra_days = days % 7
        fine = extra_days * DAY_FINE
        # each full week costs 0.50 more than the week before
        for week in range(weeks):
            fine += WEEK_FINE * (week + 1)
        print(f"Book {book}: {weeks} weeks and {extra_days} days late, fine {fine:.2f}")
        add_fine(fine)

print(f"Total fines: {fines_total:.2f}")
if books > 0:
    average = fines_total / books
    print(f"Average fine per book: {average:.2f}")
