def clean(text):
    """Return only the letters of text, in lower case."""
    letters = ""
    for ch in text:
        if ch.isalpha():
            letters += ch.lower()
    return letters


def is_palindrome(word):
    """Compare letters from both ends, moving towards the middle."""
    left = 0
    right = len(word) - 1
    while left < right:
        if word[left] != word[right]:
            return False
        left += 1
        right -= 1
    return True


phrase = input("Enter a word or phrase: ")
letters = clean(phrase)
if is_palindrome(letters):
    print(f'"{phrase}" is a palindrome.')
else:
    print(f'"{phrase}" is not a palindrome.')
print("Letters checked:", len(letters))
