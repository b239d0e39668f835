"""Benchmarks (`make bench`, `python -m bench`) and the loopback process helpers the benches and the server
tests share (bench/procs.py). Run from the repository root; not part of the installed package (the wheel
leaves bench/ out), and no runtime module (assistant/, ingest/, eval/) imports it.

bench/run.py: (a) ingest, (b) embedding, (c) warm HTTP latency, then bench/load.py (d) load and (e) scale, and
bench/ocr.py (f) OCR of a scanned plan; bench/ingest.py is (a) on its own; bench/embed_throughput.py (g) the
model's raw embedding rate beside the ingest path's; bench/shards.py (h) two shards fanned out and fused vs one
index.
"""
