def shared_tags(first, second):
    """The tags found in both lists, each once, in lower case."""
    common = set(first) & set(second)
    result = []
    for tag in common:
        result.append(tag.lower())
    return result
