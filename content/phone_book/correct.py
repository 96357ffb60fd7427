def add_contact(book, name, number):
    if name in book:
        print("Updating the number of", name)
    book[name] = number
    return len(book)


def show_contacts(book):
    if len(book) == 0:
        print("The phone book is empty.")
    for name in book:
        print(name + ": " + book[name])


phone_book = {"Anna": "0612-345678", "Bram": "0687-654321"}
choice = ""
while choice != "q":
    print("a = add, l = look up, d = delete, s = show all, q = quit")
    choice = input("Choice: ").strip().lower()
    if choice == "a":
        name = input("Name: ").strip().title()
        number = input("Number: ").strip()
        total = add_contact(phone_book, name, number)
        print(f"The phone book now holds {total} contacts.")
    elif choice == "l":
        name = input("Name: ").strip().title()
        if name in phone_book:
            print(name, "can be reached at", phone_book[name])
        else:
            print("Sorry,", name, "is not in the phone book.")
    elif choice == "d":
        name = input("Name: ").strip().title()
        if name in phone_book:
            del phone_book[name]
            print(name, "has been removed.")
        else:
            print("There is nobody called", name)
    elif choice == "s":
        show_contacts(phone_book)
    elif choice != "q":
        print("Unknown choice, please try again.")
print("Goodbye!")
