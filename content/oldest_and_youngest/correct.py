def oldest_and_youngest(people):
    """Return (name of the oldest, name of the youngest), or None."""
    if len(people) == 0:
        return None
    # Positions of the oldest and youngest found so far
    oldest = 0
    youngest = 0
    for i in range(1, len(people)):
        if people[i][1] > people[oldest][1]:
            oldest = i
        if people[i][1] < people[youngest][1]:
            youngest = i
    return (people[oldest][0], people[youngest][0])
