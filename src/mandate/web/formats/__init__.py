"""Date formats where the house differs from Django's: Vietnamese and English pages write dd/mm/yyyy.

Russian and Ukrainian use Django's own formats (dd.mm.yyyy), and all four Django's number formats.
"""
