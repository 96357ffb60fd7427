def merge_records(names, scores):
    """Pair each name with its score, leaving out scores outside 0 to 100."""
    records = []
    for i in range(0, len(names)):
        score = scores[i]
        # Only scores from 0 to 100 are real results
        if score >= 0 and score <= 100:
            records.append((names[i], score))
    return records
