hook --fail-on fatal print
