def row_sums(grid):
    sums = []
    for row in grid:
        total = 0
        for value in row:
            total += value
        sums.append(total)
    return sums


def column_sums(grid):
    if len(grid) == 0:
        return []
    sums = [0] * len(grid[0])
    for row in grid:
        for col in range(len(row)):
            sums[col] += row[col]
    return sums
