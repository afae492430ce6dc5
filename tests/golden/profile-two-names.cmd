profile a b
