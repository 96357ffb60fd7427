print("Lunch is at noon")
