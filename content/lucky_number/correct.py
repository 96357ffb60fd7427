print("Lucky number game")
lucky = 7
guess = int(input("Pick a number from 1 to 10: "))
if guess == lucky:
    print("You picked the lucky number!")
else:
    print("Not this time. The lucky number was", lucky)
print("Thanks for playing")
