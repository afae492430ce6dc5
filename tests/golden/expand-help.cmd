expand --help
