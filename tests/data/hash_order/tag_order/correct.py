def shared_tags(first, second):
    """The tags found in both lists, each once, in lower case."""
    both = set(first) & set(second)
    result = []
    for tag in both:
        result.append(tag.lower())
    return result
