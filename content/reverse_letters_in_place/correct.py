def reverse_word(word):
    letters = list(word)
    left = 0
    right = len(letters) - 1
    while left < right:
        temp = letters[left]
        letters[left] = letters[right]
        letters[right] = temp
        left += 1
        right -= 1
    return "".join(letters)


print(reverse_word("stressed"))
