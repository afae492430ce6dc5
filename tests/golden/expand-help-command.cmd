help expand
