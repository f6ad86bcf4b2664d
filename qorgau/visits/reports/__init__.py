"""The visit report: compiled, edited, checked, taken through its workflow; PDF and DOCX."""
