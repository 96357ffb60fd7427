# Keep a reading list: show it newest first, then from A to Z
books = []
title = input("Book title (blank to stop): ").strip()
while title != "":
    books.append(title)
    title = input("Book title (blank to stop): ").strip()

if books == []:
    print("No books yet.")
else:
    newest_first = books.copy()
    newest_first.reverse()
    print("Newest first:", ", ".join(newest_first))
    books.sort()
    print("A to Z:", ", ".join(books))
    print("Books:", len(books))
