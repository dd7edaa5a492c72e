memory   = 1024
reserved = 50
