account fetch extra
