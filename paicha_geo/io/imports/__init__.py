"""Spreadsheet imports: read raw rows, find the header, parse values, match regions, validate.

Pure code: bytes and plain data in, clean records and a list of problems out. The store
applies the result in one transaction; nothing here touches the database.
"""
