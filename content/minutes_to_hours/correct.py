# Turn a number of minutes into hours and minutes
total_minutes = int(input("Number of minutes: "))
hours = total_minutes // 60
minutes = total_minutes % 60
print(total_minutes, "minutes is", hours, "h", minutes, "min")
print("That is", round(total_minutes / 60, 2), "hours")
