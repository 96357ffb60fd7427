# Sort a visitor into an age category
age = int(input("How old are you? "))
if age < 0:
    print("That is not a valid age.")
else:
    if age < 13:
        category = "child"
    elif age < 18:
        category = "teenager"
    elif age < 65:
        category = "adult"
    else:
        category = "senior"
    print("Your category is:", category)
    print(f"In ten years you will be {age + 10}.")
