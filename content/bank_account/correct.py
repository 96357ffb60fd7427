def deposit(balance, amount):
    if amount <= 0:
        print("A deposit must be more than 0.")
        return balance
    return balance + amount


def withdraw(balance, amount):
    if amount > balance:
        print(f"Not enough money: the balance is only {balance:.2f}")
        return balance
    return balance - amount


balance = float(input("Opening balance: "))
history = []
action = input("d = deposit, w = withdraw, b = balance, q = quit: ").strip().lower()
while action != "q":
    if action == "d":
        amount = float(input("Amount to deposit: "))
        new_balance = deposit(balance, amount)
        if new_balance != balance:
            history.append(f"deposit  {amount:.2f}")
        balance = new_balance
    elif action == "w":
        amount = float(input("Amount to withdraw: "))
        new_balance = withdraw(balance, amount)
        if new_balance != balance:
            history.append(f"withdraw {amount:.2f}")
        balance = new_balance
    elif action == "b":
        print(f"Your balance is {balance:.2f}")
    else:
        print("Unknown action:", action)
    action = input("d = deposit, w = withdraw, b = balance, q = quit: ").strip().lower()

print("Number of transactions:", len(history))
for i in range(len(history)):
    print(str(i + 1) + ". " + history[i])
print(f"Final balance: {balance:.2f}")
