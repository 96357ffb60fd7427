principal = float(input("Starting amount: "))
rate = float(input("Yearly interest rate in %: "))
years = int(input("Number of years: "))
balance = principal
for year in range(1, years + 1):
    balance += balance * rate / 100
    print(f"After year {year}: {balance:.2f}")
print("Total interest earned:", round(balance - principal, 2))
