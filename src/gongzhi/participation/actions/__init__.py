"""Every change in the participation module, as one named action per function.

Each action checks permission, changes state inside a transaction holding the
row lock where it matters, writes an `Event`, and notifies after commit.
Modules: `deliberation`, `opinion`, `survey`, `talkday`, `budget`, `help`, `grid`.
"""
