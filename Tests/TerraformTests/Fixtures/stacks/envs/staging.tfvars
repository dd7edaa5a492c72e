# Staging runs small.
memory = 128
