options = ["yes", "no"]
yes_votes = 0
no_votes = 0


def add_vote(vote):
    # change the counters at the top of the program
    global yes_votes
    global no_votes
    if vote == "yes":
        yes_votes += 1
    else:
        no_votes += 1


print("Should our class trip go to the science museum?")
print("Vote " + " or ".join(options) + ", or type stop when everyone has voted.")
invalid = 0
vote = input("Vote: ").strip().lower()
while vote != "stop":
    if vote in options:
        add_vote(vote)
    else:
        print("Not a valid vote:", vote)
        invalid += 1
    vote = input("Vote: ").strip().lower()

print("Yes:", yes_votes, "No:", no_votes, "Invalid:", invalid)
if yes_votes > no_votes:
    print("We are going to the museum!")
else:
    print("No museum trip this time.")

answer = input("Show the percentages? (y/n) ")
if answer == "y" or answer == "Y":
    valid = yes_votes + no_votes
    if valid > 0:
        print(f"Yes: {yes_votes / valid * 100:.0f}%")
    else:
        print("There were no valid votes.")
