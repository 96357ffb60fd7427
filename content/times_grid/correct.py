def times_grid(size):
    # Larger tables do not fit on the screen
    if size > 10:
        return []
    grid = []
    for row in range(1, size + 1):
        line = []
        for column in range(1, size + 1):
            line.append(row * column)
        grid.append(line)
    return grid


def diagonal(grid):
    squares = []
    for i in range(len(grid)):
        squares.append(grid[i][i])
    return squares
