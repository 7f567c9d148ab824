# dd/mm/yyyy, as official papers write a date (Nghị định 30/2020/NĐ-CP); Django's own names for the formats.
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
# What a date field reads: the format it shows first, then ISO (links and programs write 2025-07-01).
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
