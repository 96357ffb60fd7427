import math
roots = [math.sqrt(2), math.sqrt(3), math.sqrt(5), math.sqrt(7)]
for root in roots:
    print(round(root, 3))
print("Roots printed:", len(roots))
