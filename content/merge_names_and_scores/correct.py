def merge_records(names, scores):
    """Pair each name with its score, leaving out scores outside 0 to 100."""
    records = []
    for i in range(0, len(names)):
        score = scores[i]
        # A score outside the range is a typing mistake: leave it out
        if score >= 0 and score <= 100:
            records.append((names[i], score))
    return records
