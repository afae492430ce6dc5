hook --f print
