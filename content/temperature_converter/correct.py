# Convert a temperature between Celsius and Fahrenheit
scale = input("Convert from which scale (C/F)? ").strip().upper()
value = float(input("Temperature: "))
if scale == "C":
    result = value * 9 / 5 + 32
    print(f"{value} degrees Celsius is {result:.1f} degrees Fahrenheit")
elif scale == "F":
    result = (value - 32) * 5 / 9
    print(f"{value} degrees Fahrenheit is {result:.1f} degrees Celsius")
else:
    print("Unknown scale:", scale)
