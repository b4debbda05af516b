"""The spreadsheet route: the workbook template staff fill, the import that plans before it
writes, and the yearly sơ kết reports that go back out (.xlsx, .docx)."""
