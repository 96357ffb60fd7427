def count_big_weekend_sales(sales, minimum):
    """Count the (day, amount) sales made at the weekend worth at least minimum."""
    count = 0
    for day, amount in sales:
        if day == "Sat" or day == "Sun":
            if amount >= minimum:
                count += 1
    return count
