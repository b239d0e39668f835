"""OCR of scanned plans (issue 8): PDFs without a usable text layer and image files (PNG, JPEG, TIFF).

engine (Tesseract, page images, orientation, skew, coloured ink) -> page_reader (one page -> blocks, with
bold from stroke widths and tables from table_image/grid) -> document (all pages, repair, checks) ->
worker (limits: child process, memory, time per page). repair holds the pure text repairs.
ingest.pipeline decides when OCR runs (KEHOACH_OCR)."""
