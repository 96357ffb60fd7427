# Simulate the queue at a ticket counter
queue = []
served = 0
command = input("Command (join/serve/show/quit): ").strip().lower()
while command != "quit":
    if command == "join":
        name = input("Name: ").strip()
        queue.append(name)
        print(name, "joined the queue at position", len(queue))
    elif command == "serve":
        if len(queue) > 0:
            customer = queue.pop(0)
            served += 1
            print("Now serving", customer)
        else:
            print("Nobody is waiting.")
    elif command == "show":
        if len(queue) == 0:
            print("The queue is empty.")
        else:
            for i in range(len(queue)):
                print(str(i + 1) + ". " + queue[i])
            print("Next:", queue[0], "| Last:", queue[len(queue) - 1])
    else:
        print("Unknown command:", command)
    command = input("Command (join/serve/show/quit): ").strip().lower()

print("Customers served:", served)
print("Still waiting:", len(queue))
