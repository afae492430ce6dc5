hook --frobnicate print
