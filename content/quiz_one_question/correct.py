# Ask one quiz question and check the answer
answer = input("What is the capital of Australia? ")
if answer.strip().lower() == "canberra":
    print("Correct! Well done.")
else:
    print("Sorry, the correct answer is Canberra, not " + answer.strip() + ".")
