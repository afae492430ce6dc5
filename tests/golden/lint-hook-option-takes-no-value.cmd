hook --force=1 print
