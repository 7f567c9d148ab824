# Django's own formats (dd.mm.yyyy) but for what a date field reads: that format, then ISO (links write 2025-07-01).
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]
