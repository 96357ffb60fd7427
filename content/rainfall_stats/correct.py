import math

count = int(input("Number of days measured: "))
amounts = []
total = 0.0
wettest = 0.0

for day in range(1, count + 1):
    rain = float(input(f"Rain on day {day} (mm): "))
    amounts.append(rain)
    total += rain
    # keep the largest amount seen so far
    if rain > wettest:
        wettest = rain

print(f"Total rainfall: {total:.1f} mm")
if count > 0:
    average = total / count
    print(f"Average: {average:.1f} mm per day")
    print(f"Wettest day: {wettest:.1f} mm")
else:
    print("No measurements.")

chart_answer = input("Show a chart? (y/n) ")
if chart_answer == "y" or chart_answer == "Y":
    for i in range(len(amounts)):
        stars = math.ceil(amounts[i] / 5)
        print(f"Day {i + 1}: " + "*" * stars)
