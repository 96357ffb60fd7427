def is_palindrome(phrase):
    letters = phrase.replace(" ", "")
    letters = letters.lower()
    left = 0
    right = len(letters) - 1
    while left < right:
        if letters[left] != letters[right]:
            return False
        left += 1
        right -= 1
    return True
