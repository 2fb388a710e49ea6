"""Reliability: processes killed at random points, two instances, hostile and offline use."""
