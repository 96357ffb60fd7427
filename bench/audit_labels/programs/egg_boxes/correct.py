eggs = int(input("How many eggs? "))
box_size = int(input("Eggs per box: "))
full = eggs // box_size
spare = eggs % box_size
print("Full boxes:", full)
print("Eggs left over:", spare)
