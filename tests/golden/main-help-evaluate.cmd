help evaluate
