def on_time_count(delays):
    count = 0
    for minutes in delays:
        # From 1 minute early to 5 minutes late counts as on time
        if minutes >= -1 and minutes <= 5:
            count += 1
    return count


def average_delay(delays):
    if len(delays) == 0:
        return 0
    return round(sum(delays) / len(delays), 1)


def worst_delay(delays):
    if not delays:
        return 0
    worst = delays[0]
    for minutes in delays:
        if minutes > worst:
            worst = minutes
    return worst
