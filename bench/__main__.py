"""`python -m bench [--skip-ocr | --ocr-only] [--skip-throughput] [--skip-shards | --shards-quick] [bench/load.py's flags]`:
every figure of `make bench`."""

from bench.run import main

raise SystemExit(main())
