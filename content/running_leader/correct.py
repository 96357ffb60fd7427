def leaders(results):
    """Return the name of the leader after each (player, points) result."""
    if len(results) == 0:
        return []
    leader_name, leader_points = results[0]
    names = []
    for name, points in results:
        # A tie is not enough to take the lead
        if points > leader_points:
            leader_name = name
            leader_points = points
        names.append(leader_name)
    return names
