def split_board(board, target):
    """Return the names that reached the target and the scores that fell short."""
    winners = []
    short = []
    for name, score in board:
        if score >= target:
            winners += [name]
        else:
            short += [score]
    return winners, short
