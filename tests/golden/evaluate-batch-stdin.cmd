evaluate --batch -
