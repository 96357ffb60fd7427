print("Good morning, class!")
