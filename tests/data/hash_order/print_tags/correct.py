line = input("Tags, separated by commas: ")
seen = set()
for tag in line.split(","):
    seen.add(tag.strip().lower())
for tag in seen:
    print("-", tag)
print(len(seen), "different tags")
