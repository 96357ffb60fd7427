faces = [1, 2, 3, 4, 5, 6]
total = 0
for face in faces:
    total += face
print("Average roll:", total / len(faces))
