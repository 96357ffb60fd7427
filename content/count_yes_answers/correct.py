def count_yes(replies):
    count = 0
    for reply in replies:
        reply = reply.strip().lower()
        if reply == "y" or reply == "yes":
            count += 1
    return count


def yes_share(replies):
    if len(replies) > 0:
        return round(100 * count_yes(replies) / len(replies), 1)
    return 0.0
