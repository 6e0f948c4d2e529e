// The page script (issue 19, in progress).
