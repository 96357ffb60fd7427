# Print the initials of a full name, e.g. "A.L."
full_name = input("Enter your full name: ")
initials = ""
for part in full_name.split():
    initials += part[0].upper() + "."
print("Your initials are", initials)
