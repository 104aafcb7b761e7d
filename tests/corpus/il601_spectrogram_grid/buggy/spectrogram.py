"""IL601 on `render_bins.grid` (a module function): `[[0] * width] * height` repeats one row,
so writing one cell writes the whole column."""


def render_bins(magnitudes, width, height):
    grid = [[0] * width] * height
    for x, column in enumerate(magnitudes[:width]):
        level = min(int(column * height), height - 1)
        grid[level][x] = 1
    return grid


def to_text(grid):
    return "\n".join("".join("#" if cell else "." for cell in row) for row in reversed(grid))
