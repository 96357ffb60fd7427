def tally(ballots):
    counts = {}
    for vote in ballots:
        vote = vote.strip().lower()
        if vote == "":
            continue
        if vote in counts:
            counts[vote] += 1
        else:
            counts[vote] = 1
    return counts


def winners(counts):
    if len(counts) == 0:
        return []
    top = max(counts.values())
    names = []
    for name in counts:
        if counts[name] == top:
            names.append(name)
    return sorted(names)
