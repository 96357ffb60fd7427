def bmi(weight, height):
    """Body mass index: weight in kg divided by the square of height in m."""
    return weight / height ** 2


def bmi_category(value):
    if value < 18.5:
        return "underweight"
    elif value < 25:
        return "healthy weight"
    elif value < 30:
        return "overweight"
    else:
        return "obese"


name = input("Name: ").strip()
weight = float(input("Weight in kg: "))
height_cm = float(input("Height in cm: "))

height = height_cm / 100
value = bmi(weight, height)
category = bmi_category(value)

print("BMI report for " + name)
print(f"BMI: {value:.1f} ({category})")
# The healthy range of weights for this height
low = 18.5 * height ** 2
high = 25 * height ** 2
print(f"A healthy weight for you is between {low:.1f} and {high:.1f} kg.")
if category != "healthy weight":
    print("Tip: talk to your doctor about a healthy weight.")
