temp = float(input("Temperature: "))
if temp > 25:
    print(temp, "degrees: a hot day")
else:
    print(temp, "degrees: not hot")
