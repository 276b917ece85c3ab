"""Vietnamese administrative text: dates, legal document references, officials, agencies.

Shared by the importer (which reads free text into front matter) and the site model
(which links document numbers and normalises names). Pure functions, no I/O.
"""
from generator.vntext.dates import DateMatch, find_dates, parse_date
from generator.vntext.references import Reference, find_references, parse_reference
from generator.vntext.text import clean_text, fold, fold_uy

__all__ = [
    "DateMatch",
    "Reference",
    "clean_text",
    "find_dates",
    "find_references",
    "fold",
    "fold_uy",
    "parse_date",
    "parse_reference",
]
