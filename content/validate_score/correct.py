score = int(input("Enter a score from 0 to 100: "))
while score < 0 or score > 100:
    print("That is not a valid score.")
    score = int(input("Enter a score from 0 to 100: "))

if score >= 75:
    print("Pass with merit")
elif score >= 50:
    print("Pass")
else:
    print("Fail")
