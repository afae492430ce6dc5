hook uninstall
