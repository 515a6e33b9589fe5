"""Exports: pure functions from query results to text in other tools' formats."""
