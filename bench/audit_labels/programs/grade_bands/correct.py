mark = int(input("Mark: "))
if mark >= 70:
    print("Grade A")
elif mark >= 50:
    print("Grade B")
else:
    print("Grade C")
print("Done")
