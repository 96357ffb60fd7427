TREAT = 2.50

balance = 0.0


def deposit(amount):
    global balance
    balance += amount
    print(f"Put in {amount:.2f}, the jar holds {balance:.2f}")


def withdraw(amount):
    global balance
    # the jar cannot give more than it holds
    if amount > balance:
        print(f"Not enough in the jar for {amount:.2f}")
    else:
        balance -= amount
        print(f"Took out {amount:.2f}, the jar holds {balance:.2f}")


weeks = int(input("How many weeks did you save? "))
for week in range(1, weeks + 1):
    amount = float(input(f"Money put in during week {week}: "))
    deposit(amount)
    answer = input("Did you buy a treat this week? (y/n) ")
    if answer == "y" or answer == "Y":
        withdraw(TREAT)

print(f"Final balance: {balance:.2f}")
if weeks > 0:
    average = balance / weeks
    print(f"On average you kept {average:.2f} per week")
