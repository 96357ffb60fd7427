def largest_position(grid):
    best_row = 0
    best_col = 0
    for r in range(len(grid)):
        for c in range(len(grid[r])):
            if grid[r][c] > grid[best_row][best_col]:
                best_row = r
                best_col = c
    return best_row, best_col


heights = [[3, 8, 2], [9, 1, 4]]
row, col = largest_position(heights)
print("Tallest at row", row, "column", col)
