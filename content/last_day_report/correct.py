def last_day_report(lst):
    """Return 'last: W, days with it: N' for the last weather word W of the log."""
    seen = 0
    for word in lst:
        if word == lst[-1]:
            seen += 1
    return "last: " + str(lst[-1]) + ", days with it: " + str(seen)
