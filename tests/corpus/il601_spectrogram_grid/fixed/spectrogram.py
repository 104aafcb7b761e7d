"""Fixed twin: one row object per line of the grid."""


def render_bins(magnitudes, width, height):
    grid = [[0] * width for _ in range(height)]
    for x, column in enumerate(magnitudes[:width]):
        level = min(int(column * height), height - 1)
        grid[level][x] = 1
    return grid


def to_text(grid):
    return "\n".join("".join("#" if cell else "." for cell in row) for row in reversed(grid))
