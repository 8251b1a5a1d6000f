"""Participation pages, one module per part; views are thin and call actions or restricted queries."""
