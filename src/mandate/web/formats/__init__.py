"""Date formats where the house differs from Django's: Vietnamese and English pages write dd/mm/yyyy.

Russian and Ukrainian use Django's own formats (dd.mm.yyyy), and all four Django's number formats. Each language's
DATE_INPUT_FORMATS puts the format its pages print first: a date field shows it, and reads it (or ISO) back.
"""
