expand
