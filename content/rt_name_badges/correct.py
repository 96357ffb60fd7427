# Print a name badge for every guest and count the badges
badges = 0


def make_badge(name):
    """Return the badge text for one guest, with a capital first letter."""
    global badges
    badges += 1
    name = name.strip().lower()
    name = name[0].upper() + name[1:]
    return "*** " + name + " ***"


guest = input("Guest name (blank to stop): ")
while guest.strip() != "":
    print(make_badge(guest))
    guest = input("Guest name (blank to stop): ")

if badges == 0:
    print("No badges were printed.")
else:
    print("Badges printed:", badges)
