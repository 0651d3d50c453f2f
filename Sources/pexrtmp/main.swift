print("pexrtmp")
