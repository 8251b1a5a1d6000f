"""The text core: Chinese text understanding in pure Python, with no Django imports.

The web app calls into this package; it can be used and tested on its own.
"""
