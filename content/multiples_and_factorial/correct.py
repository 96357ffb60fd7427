def multiples(n, count):
    result = []
    for i in range(1, count + 1):
        result.append(n * i)
    return result


def factorial(n):
    product = 1
    for k in range(2, n + 1):
        product *= k
    return product
