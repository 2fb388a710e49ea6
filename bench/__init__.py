"""Benchmarks and the synthetic data they use."""
