# Each day's lowest and highest temperature are kept as a pair (low, high)
days = []
count = int(input("How many days? "))
for day in range(count):
    low = int(input("Lowest: "))
    high = int(input("Highest: "))
    days.append((low, high))

coldest = days[0]
for pair in days:
    if pair[0] < coldest[0]:
        coldest = pair
warmest = days[0]
for pair in days:
    if pair[1] > warmest[1]:
        warmest = pair

print("Coldest night:", coldest[0])
print("Warmest afternoon:", warmest[1])
change = 0
for pair in days:
    if pair[1] - pair[0] > change:
        change = pair[1] - pair[0]
print("Biggest change in one day:", change)
