"""Benchmarks of Samspill; results and how to run them are in bench/RESULTS.md."""
