"""What runs inside the sandbox's own processes: the zygote, the lockdown, the runner.

Standard library only, and nothing of debugex: the zygote is started with this folder's
parent as its only addition to `sys.path`, so a program that escapes the runner finds no
debugex code to call.
"""
