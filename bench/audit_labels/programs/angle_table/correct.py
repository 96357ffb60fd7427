import math
angles = [math.radians(30), math.radians(45), math.radians(60), math.radians(90)]
for angle in angles:
    print(round(math.sin(angle), 2))
