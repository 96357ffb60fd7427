def to_fahrenheit(celsius):
    return celsius * 9 / 5 + 32


def is_freezing(celsius):
    return celsius <= 0


reading = float(input("Temperature in Celsius: "))
print(reading, "C is", to_fahrenheit(reading), "F")
print("Freezing:", is_freezing(reading))
hours = int(input("Hours since it was 0 degrees: "))
if hours > 0:
    print("Change per hour:", reading / hours)
