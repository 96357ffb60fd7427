import math


def pages_needed(lines, lines_per_page):
    if lines < 1 or lines_per_page < 1:
        return 0
    # A part-filled last page still counts
    return math.ceil(lines / lines_per_page)


def sheets_needed(pages, sides):
    if sides == 2:
        return math.ceil(pages / 2)
    return pages
