def km_to_miles(km):
    return km * 0.621371


def celsius_to_fahrenheit(celsius):
    return celsius * 9 / 5 + 32


def kg_to_pounds(kg):
    return kg * 2.20462


conversions = 0
running = True
while running:
    print("1) km -> miles   2) Celsius -> Fahrenheit   3) kg -> pounds   4) quit")
    option = int(input("Option: "))
    if option == 1:
        km = float(input("Kilometres: "))
        print(km, "km =", round(km_to_miles(km), 2), "miles")
        conversions += 1
    elif option == 2:
        celsius = float(input("Degrees Celsius: "))
        fahrenheit = celsius_to_fahrenheit(celsius)
        print(f"{celsius} C = {fahrenheit:.1f} F")
        if celsius <= 0:
            print("Brr, that is freezing!")
        conversions += 1
    elif option == 3:
        kg = float(input("Kilograms: "))
        print(str(kg) + " kg = " + str(round(kg_to_pounds(kg), 2)) + " pounds")
        conversions += 1
    elif option == 4:
        running = False
    else:
        print("There is no option", option)

print("You made", conversions, "conversion(s). Bye!")
