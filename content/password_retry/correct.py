SECRET = "tulip42"
MAX_TRIES = 3

tries = 0
logged_in = False

# Keep asking until the password is right or the tries run out
while tries < MAX_TRIES and not logged_in:
    attempt = input("Password: ").strip()
    tries += 1
    if attempt == SECRET:
        logged_in = True
    else:
        print("Wrong password. Tries left:", MAX_TRIES - tries)

if logged_in:
    print(f"Welcome! Attempts used: {tries}")
else:
    print("Account locked.")
